using System.Security.Claims;
using Talus.Web.Data;
using Talus.Web.Features.Auth;
using Talus.Web.Features.Patients;

namespace Talus.Web.Tests.Foundation;

/// <summary>Which patients a user may see, from their roles and claims: the truth table every patient read applies.</summary>
public sealed class PatientReachTests
{
    private static readonly Guid Own = Guid.Parse("0190f3a0-0000-7000-8000-000000000001");

    private static ClaimsPrincipal User(string[] roles, params Claim[] extra) =>
        new(new ClaimsIdentity([.. roles.Select(r => new Claim(ClaimTypes.Role, r)), .. extra], "test", ClaimTypes.Name, ClaimTypes.Role));

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Billing)]
    [InlineData(Roles.ApiClient)]
    public void LocatedStaff_SeeTheirLocations(string role)
    {
        var reach = PatientReach.Of(User([role], new Claim(TalusClaims.Location, "2"), new Claim(TalusClaims.Location, "5")));
        var at = Assert.IsType<PatientReach.AtLocations>(reach);
        Assert.Equal([2, 5], at.Locations.Order());
        Assert.True(at.Includes(2));
        Assert.True(at.Includes(null)); // a patient not yet assigned to a location
        Assert.False(at.Includes(3));
    }

    [Fact]
    public void StaffWithoutLocations_SeeOnlyUnassignedPatients()
    {
        var at = Assert.IsType<PatientReach.AtLocations>(PatientReach.Of(User([Roles.Clinician])));
        Assert.True(at.Includes(null));
        Assert.False(at.Includes(1));
    }

    [Fact]
    public void Admin_SeesEveryone() => Assert.IsType<PatientReach.Everyone>(PatientReach.Of(User([Roles.Admin])));

    [Fact]
    public void Patient_SeesOnlyThemselves_WhateverOtherRoleTheyHold()
    {
        var claim = new Claim(TalusClaims.PatientId, Own.ToString());
        Assert.Equal(new PatientReach.Own(Own), PatientReach.Of(User([Roles.Patient], claim)));
        Assert.Equal(new PatientReach.Own(Own), PatientReach.Of(User([Roles.Admin, Roles.Patient], claim)));
    }

    [Theory]
    [InlineData(Roles.Outcomes, null)]
    [InlineData(Roles.Patient, null)] // a patient account without its patient id
    [InlineData(Roles.Patient, "not-a-guid")]
    [InlineData(null, null)] // signed in, no role
    public void Everyone_Else_SeesNobody(string? role, string? patientId)
    {
        var user = User(role is null ? [] : [role], patientId is null ? [] : [new Claim(TalusClaims.PatientId, patientId)]);
        Assert.IsType<PatientReach.Nobody>(PatientReach.Of(user));
    }
}
