namespace Talus.Web.Data;

/// <summary>A clinic office of the practice. All its local times are in <see cref="TimeZone"/>.</summary>
public sealed class Location
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string AddressLine { get; set; }
    public required string City { get; set; }
    public string State { get; set; } = "CA";
    public required string PostalCode { get; set; }
    public required string Phone { get; set; }
    /// <summary>IANA time zone id, e.g. America/Los_Angeles.</summary>
    public string TimeZone { get; set; } = "America/Los_Angeles";
    public bool IsActive { get; set; } = true;
    public List<OpeningHours> Hours { get; set; } = [];
    public List<Closure> Closures { get; set; } = [];
    public List<Room> Rooms { get; set; } = [];
    public List<Equipment> Equipment { get; set; } = [];
}

/// <summary>Opening hours of a location on one day of the week, in local time.</summary>
public sealed class OpeningHours
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>A local date on which a location is closed (holiday, training day).</summary>
public sealed class Closure
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public DateOnly Date { get; set; }
    public required string Reason { get; set; }
}

public enum RoomKind { Exam, Procedure, Imaging, Lab }

public sealed class Room
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location? Location { get; set; }
    public required string Name { get; set; }
    public RoomKind Kind { get; set; }
    public bool IsActive { get; set; } = true;
}

public enum EquipmentKind { Ultrasound, Centrifuge, Fluoroscopy, XRay, CellProcessor }

public sealed class Equipment
{
    public int Id { get; set; }
    public int LocationId { get; set; }
    public Location? Location { get; set; }
    public required string Name { get; set; }
    public EquipmentKind Kind { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A person who works for the practice; signs in as the linked user.</summary>
public sealed class StaffMember
{
    public int Id { get; set; }
    public required string DisplayName { get; set; }
    public string? Credentials { get; set; }
    /// <summary>National Provider Identifier (clinicians; a Good Faith Estimate element).</summary>
    public string? Npi { get; set; }
    public required string Role { get; set; }
    public bool IsActive { get; set; } = true;
    public string? UserId { get; set; }
    public List<StaffLocation> Locations { get; set; } = [];
}

public sealed class StaffLocation
{
    public int StaffMemberId { get; set; }
    public int LocationId { get; set; }
    public Location? Location { get; set; }
}
