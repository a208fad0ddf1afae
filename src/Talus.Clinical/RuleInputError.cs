namespace Talus.Clinical;

/// <summary>
/// Input a rule refuses to judge, named by the field to fix, so the edge can answer 400 with a
/// ProblemDetails or an OperationOutcome that tells the user what to change.
/// </summary>
public sealed record RuleInputError(string Field, string Message);
