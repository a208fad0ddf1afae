using Talus.Clinical;

namespace Talus.Web.Shared;

/// <summary>What a use case can answer besides its value.</summary>
public enum OutcomeKind
{
    Ok,
    /// <summary>Bad input, by field (camelCase JSON paths: "medications[0].name"). Nothing was written. HTTP 400.</summary>
    Invalid,
    /// <summary>A rule or the record's state refuses the action, with the rule's reasons. Nothing was written. HTTP 409.</summary>
    Refused,
    /// <summary>No such record, or not one the caller may see (the same answer). HTTP 404.</summary>
    NotFound,
    /// <summary>Someone else got there first (time taken, stale edit, name taken). Nothing was written. HTTP 409.</summary>
    Conflict,
}

/// <summary>
/// The one result type of every use case: the value, or why not. Mapped once to HTTP
/// (<see cref="OutcomeHttp.ToHttp{T}"/>) and once to forms (<see cref="FormErrors"/>).
/// Use cases return a value or an <see cref="Outcome"/> failure; both convert implicitly.
/// </summary>
public sealed record Outcome<T>
{
    public OutcomeKind Kind { get; init; }
    public T? Value { get; init; }
    public Failure? Failure { get; init; }

    public bool IsOk => Kind == OutcomeKind.Ok;

    /// <summary>The field errors (empty unless <see cref="OutcomeKind.Invalid"/>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Failure?.Errors ?? Shared.Failure.NoErrors;

    /// <summary>One sentence for a page when the outcome is not a value.</summary>
    public string? Message => Failure?.Text;

    public static implicit operator Outcome<T>(T value) => new() { Kind = OutcomeKind.Ok, Value = value };

    public static implicit operator Outcome<T>(Failure failure) => new() { Kind = failure.Kind, Failure = failure };
}

/// <summary>Why a use case did not give its value.</summary>
public sealed record Failure(OutcomeKind Kind, string Text, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<Reason> Reasons,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();
}

/// <summary>Builds outcomes: <c>return Outcome.Invalid("birthDate", "…");</c> or <c>return value;</c>.</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => value;

    public static Failure Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OutcomeKind.Invalid, string.Join(" ", errors.SelectMany(e => e.Value)), errors, []);

    public static Failure Refused(string message, IReadOnlyList<Reason>? reasons = null) =>
        new(OutcomeKind.Refused, message, Failure.NoErrors, reasons ?? []);

    public static Failure NotFound(string message = "Not found.") =>
        new(OutcomeKind.NotFound, message, Failure.NoErrors, []);

    public static Failure Conflict(string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(OutcomeKind.Conflict, message, Failure.NoErrors, [], extensions);

    /// <summary>Passes a failure on from a use case of another value type.</summary>
    public static Failure FailureOf<T>(Outcome<T> outcome) =>
        outcome.Failure ?? throw new InvalidOperationException("The outcome is a value, not a failure.");
}

/// <summary>The one mapping of outcomes to HTTP.</summary>
public static class OutcomeHttp
{
    public static IResult ToHttp<T>(this Outcome<T> outcome, Func<T, IResult> ok) =>
        outcome.IsOk ? ok(outcome.Value!) : outcome.Failure!.ToHttp();

    public static IResult ToHttp(this Failure failure) => failure.Kind switch
    {
        OutcomeKind.Invalid => TypedResults.ValidationProblem(failure.Errors),
        OutcomeKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: failure.Text),
        OutcomeKind.Refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: failure.Text,
            extensions: Extend(failure, new()
            {
                ["reasons"] = failure.Reasons.Select(r => new ReasonView(r.Code, r.ClinicianText, r.Source)).ToArray(),
            })),
        OutcomeKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: failure.Text,
            extensions: Extend(failure, [])),
        _ => throw new InvalidOperationException("An Ok outcome has no failure."),
    };

    private static Dictionary<string, object?> Extend(Failure failure, Dictionary<string, object?> extensions)
    {
        foreach (var (k, v) in failure.Extensions ?? new Dictionary<string, object?>())
        {
            extensions[k] = v;
        }
        return extensions;
    }

    /// <summary>A reason as the API shows it.</summary>
    public sealed record ReasonView(string Code, string Text, string Source);
}
