using System.Collections;
using System.Reflection;
using Talus.Clinical;
using Talus.Clinical.Instruments;

namespace Talus.Web.Features.ClinicalRules;

/// <summary>
/// Turns what the rules refuse (<see cref="ValidationError"/>, <see cref="RuleInputError"/>) into the
/// field → messages dictionary of a 400 ValidationProblem, with JSON-style field names.
/// </summary>
public sealed class RuleProblems
{
    private readonly Dictionary<string, List<string>> errors = [];

    public int Count => errors.Count;

    public RuleProblems Add(string field, string message)
    {
        var key = Field(field);
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
        return this;
    }

    public RuleProblems When(bool bad, string field, string message) => bad ? Add(field, message) : this;

    public RuleProblems Add(IEnumerable<ValidationError> list, string prefix = "")
    {
        foreach (var e in list)
        {
            Add(prefix + e.Field, e.Message);
        }
        return this;
    }

    public RuleProblems Add(IEnumerable<RuleInputError> list, string prefix = "")
    {
        foreach (var e in list)
        {
            Add(prefix + Field(e.Field), e.Message);
        }
        return this;
    }

    /// <summary>Dates a rule can compute with: 1900–2199 (a typo such as 0202 or 20250 is refused, not a 500).</summary>
    public RuleProblems Date(DateOnly? date, string field) =>
        When(date is { Year: < 1900 or > 2199 }, field, "The date must be between 1900-01-01 and 2199-12-31.");

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary());

    /// <summary>camelCase of the first segment: "PlannedProcedureDate" → "plannedProcedureDate"; "answers.P3" unchanged.</summary>
    public static string Field(string field) => field.Length > 0 && char.IsUpper(field[0]) ? char.ToLowerInvariant(field[0]) + field[1..] : field;
}

/// <summary>
/// Refuses, before any rule runs, what JSON alone lets through: an empty entry in a list ("grades": [null]) and a
/// date outside 1900–2199 anywhere in the request. Applied to every clinical-rules endpoint.
/// </summary>
public sealed class RequestShapeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var problems = new RuleProblems();
        foreach (var argument in context.Arguments)
        {
            if (argument is not null && StrictJson.IsStrict(argument.GetType()))
            {
                Walk(argument, "", problems, 0);
            }
        }
        return problems.Count > 0 ? problems.ToProblem() : await next(context);
    }

    private static void Walk(object? value, string path, RuleProblems problems, int depth)
    {
        switch (value)
        {
            case Enum e:
                problems.When(!Enum.IsDefined(e.GetType(), e), path, $"'{e}' is not a {e.GetType().Name} value.");
                return;
            case null or string or decimal or bool or int or long or double:
                return;
            case DateOnly d:
                problems.Date(d, path);
                return;
            case IDictionary:
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list)
                {
                    if (item is null && !IsNullableElement(list))
                    {
                        problems.Add($"{path}[{i}]", "An entry of this list is empty.");
                    }
                    else
                    {
                        Walk(item, $"{path}[{i}]", problems, depth + 1);
                    }
                    i++;
                }
                return;
        }
        if (depth > 6 || !StrictJson.IsStrict(value.GetType()))
        {
            return;
        }
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.CanWrite && p.GetIndexParameters().Length == 0)
            {
                Walk(p.GetValue(value), path.Length == 0 ? RuleProblems.Field(p.Name) : $"{path}.{RuleProblems.Field(p.Name)}", problems, depth + 1);
            }
        }
    }

    private static bool IsNullableElement(IEnumerable list)
    {
        var type = list.GetType();
        var element = type.IsArray ? type.GetElementType() : type.GetGenericArguments().FirstOrDefault();
        return element is not null && Nullable.GetUnderlyingType(element) is not null;
    }
}
