using System.Security.Claims;
using System.Text.RegularExpressions;
using Talus.Web.Data;

namespace Talus.Web.Fhir;

/// <summary>
/// SMART App Launch v2 scopes (<c>patient/*.rs</c>, <c>user/Observation.rs</c>, <c>system/*.rs</c>; v1 <c>.read</c>
/// is read as <c>.rs</c>). A token asked for with a <c>scope</c> (POST /api/auth/token) carries it in the
/// <see cref="Claim"/> claim, and FHIR requests are then limited to what it grants, on top of the role and location
/// rules. A patient account's scopes are <c>patient/</c> ones (the patient is the launch context); staff use
/// <c>user/</c> (or <c>system/</c> for a backend account). A session or token without scopes keeps its role's access.
/// </summary>
public static partial class SmartScopes
{
    public const string Claim = "scope";

    [GeneratedRegex(@"^(patient|user|system)/(\*|[A-Z][A-Za-z]{1,63})\.(c?r?u?d?s?|read|write|\*)$")]
    private static partial Regex ResourceScope();

    /// <summary>Scopes with no FHIR meaning here but that SMART clients commonly send; accepted and ignored.</summary>
    private static readonly string[] Other = ["openid", "fhirUser", "profile", "launch", "launch/patient", "offline_access", "online_access"];

    /// <summary>The scopes of a token request that are neither a resource scope nor a known SMART scope.</summary>
    public static IReadOnlyList<string> Unknown(string scope) =>
        [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !Other.Contains(s) && !ResourceScope().IsMatch(s))];

    /// <summary>True when the caller's scopes (if any) grant this interaction ('r' read, 's' search) on this type.</summary>
    public static bool Allows(ClaimsPrincipal user, string type, char interaction)
    {
        var granted = user.FindFirst(Claim)?.Value;
        if (granted is null)
        {
            return true;
        }
        var context = user.IsInRole(Roles.Patient) ? "patient" : null;
        foreach (var scope in granted.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = ResourceScope().Match(scope);
            if (!m.Success)
            {
                continue;
            }
            var (ctx, resource, perms) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
            var contextFits = context == "patient" ? ctx == "patient" : ctx is "user" or "system";
            var typeFits = resource == "*" || resource == type;
            var permFits = perms is "*" || (perms == "read" && interaction is 'r' or 's') || (perms == "write" && interaction is 'c' or 'u' or 'd') || (perms.Length > 0 && perms.Contains(interaction, StringComparison.Ordinal) && perms is not "write");
            if (contextFits && typeFits && permFits)
            {
                return true;
            }
        }
        return false;
    }
}
