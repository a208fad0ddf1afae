namespace Talus.Clinical;

/// <summary>
/// How a practice-configurable value is shown on the settings form: a label, its unit and the source of its default.
/// Optional: a property without it is labelled from its name, with the unit read from the name's ending (…Days, …Months).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string label) : Attribute
{
    public string Label { get; } = label;
    public string? Unit { get; init; }
    /// <summary>Where the default comes from, e.g. "SPEC §2.1 I2".</summary>
    public string? Source { get; init; }
}
