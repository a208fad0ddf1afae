using Talus.Clinical;

namespace Talus.Web.Features.Plan;

/// <summary>
/// What a use case of the treatment journey answers: the value, or bad input (400, by field), a refusal by a rule or
/// state (409, with the rule's reasons), or not found (404). Pages show the same messages.
/// </summary>
public sealed record Outcome<T>(T? Value, Dictionary<string, string[]>? Errors = null, string? Refusal = null,
    IReadOnlyList<Reason>? Reasons = null, bool NotFound = false) where T : class
{
    /// <summary>The message to show on a page when the outcome is not a value.</summary>
    public string? Message => Refusal ?? (NotFound ? "Not found." : Errors is { } e ? string.Join(" ", e.SelectMany(kv => kv.Value)) : null);

    public IResult ToResult(Func<T, IResult> ok) =>
        Value is { } v ? ok(v)
        : NotFound ? TypedResults.NotFound()
        : Errors is { } errors ? TypedResults.ValidationProblem(errors)
        : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: Refusal,
            extensions: Reasons is null ? null : new Dictionary<string, object?>
            {
                ["reasons"] = Reasons.Select(r => new { r.Code, text = r.ClinicianText, r.Source }).ToArray(),
            });
}

/// <summary>Builds <see cref="Outcome{T}"/> values.</summary>
public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) where T : class => new(value);
    public static Outcome<T> Invalid<T>(string field, string message) where T : class => new(null, new() { [field] = [message] });
    public static Outcome<T> Invalid<T>(Dictionary<string, string[]> errors) where T : class => new(null, errors);
    public static Outcome<T> Refused<T>(string why, IReadOnlyList<Reason>? reasons = null) where T : class => new(null, Refusal: why, Reasons: reasons);
    public static Outcome<T> Missing<T>() where T : class => new(null, NotFound: true);
}
