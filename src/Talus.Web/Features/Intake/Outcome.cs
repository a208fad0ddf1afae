namespace Talus.Web.Features.Intake;

/// <summary>
/// What a use case of the patient journey answers: a value, or field errors (nothing was written), or "not found".
/// Endpoints turn it into 200/201, 400 ValidationProblem or 404; pages show the errors beside the fields.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Factory methods read best as Outcome<T>.Invalid(...).")]
public sealed record Outcome<T>(T? Value, IReadOnlyDictionary<string, string[]>? Errors = null, bool NotFound = false)
{
    public bool Ok => Errors is null && !NotFound && Value is not null;

    public static Outcome<T> Invalid(string field, string message) => new(default, new Dictionary<string, string[]> { [field] = [message] });

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(default, errors);

    public static Outcome<T> Missing() => new(default, null, true);

    public IResult ToResult(Func<T, IResult> ok) =>
        NotFound ? TypedResults.NotFound()
        : Errors is { } e ? TypedResults.ValidationProblem(e)
        : ok(Value!);
}

/// <summary>Collects field errors in the order they are found.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
