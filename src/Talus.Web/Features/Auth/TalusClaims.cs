using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Talus.Web.Data;

namespace Talus.Web.Features.Auth;

/// <summary>Claims Talus adds at sign-in: the patient an account belongs to, and the locations a staff member works at.</summary>
public static class TalusClaims
{
    public const string PatientId = "talus:patient";
    public const string StaffId = "talus:staff";
    public const string Location = "talus:location";

    public static int[] Locations(ClaimsPrincipal user) =>
        [.. user.FindAll(Location).Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class TalusClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options, ClinicDb db, IHttpContextAccessor http)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        // SMART scopes asked for at POST /api/auth/token (AuthEndpoints); the FHIR API enforces them (SmartScopes).
        if (http.HttpContext?.Items[Fhir.SmartScopes.Claim] is string scope && scope.Length > 0)
        {
            identity.AddClaim(new Claim(Fhir.SmartScopes.Claim, scope));
        }
        if (user.PatientId is { } patientId)
        {
            identity.AddClaim(new Claim(TalusClaims.PatientId, patientId.ToString()));
        }
        if (user.StaffMemberId is { } staffId)
        {
            identity.AddClaim(new Claim(TalusClaims.StaffId, staffId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var locations = await db.StaffLocations.Where(l => l.StaffMemberId == staffId).Select(l => l.LocationId).ToListAsync();
            foreach (var id in locations)
            {
                identity.AddClaim(new Claim(TalusClaims.Location, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return identity;
    }
}
