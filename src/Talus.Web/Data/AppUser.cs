using Microsoft.AspNetCore.Identity;

namespace Talus.Web.Data;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    /// <summary>Set for patient accounts: the only record this account may see.</summary>
    public Guid? PatientId { get; set; }
    public int? StaffMemberId { get; set; }
}

public static class Roles
{
    public const string Patient = "Patient";
    public const string FrontDesk = "FrontDesk";
    public const string Clinician = "Clinician";
    public const string Billing = "Billing";
    public const string Admin = "Admin";
    public const string Outcomes = "Outcomes";
    /// <summary>A registered backend client (client credentials): not a person, so not in <see cref="All"/>; admitted by the FHIR read policies only.</summary>
    public const string ApiClient = "ApiClient";

    public static readonly string[] All = [Patient, FrontDesk, Clinician, Billing, Admin, Outcomes];
    public static readonly string[] Staff = [FrontDesk, Clinician, Billing, Admin, Outcomes];
    /// <summary>Staff who work with individual patient charts (Outcomes works with the registry only).</summary>
    public const string ChartStaff = FrontDesk + "," + Clinician + "," + Billing + "," + Admin;
    public const string AnyStaff = ChartStaff + "," + Outcomes;
}
