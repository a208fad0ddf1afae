using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Admin;

public static class AdminEndpoints
{
    public sealed record LocationView(int Id, string Name, string AddressLine, string City, string State, string PostalCode,
        string Phone, string TimeZone, bool IsActive, DayHours[] Hours, ClosureView[] Closures, ResourceView[] Rooms, ResourceView[] Equipment);
    public sealed record ClosureView(int Id, DateOnly Date, string Reason);
    public sealed record ResourceView(int Id, string Name, string Kind, bool IsActive);
    public sealed record StaffView(int Id, string DisplayName, string? Credentials, string? Npi, string Role, bool IsActive, int[] LocationIds);

    public static void MapAdminEndpoints(this WebApplication app)
    {
        var staffRead = app.MapGroup("/api").WithTags("Practice").RequireAuthorization(Auth.Policies.PracticeRead);
        var admin = app.MapGroup("/api").WithTags("Practice").RequireAuthorization(Auth.Policies.PracticeManage);

        staffRead.MapGet("/locations", async (ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await LoadLocations(db).ToListAsync(ct)))
            .WithSummary("List locations with hours, closures, rooms and equipment.");

        staffRead.MapGet("/locations/{id:int}", async Task<Results<Ok<LocationView>, NotFound>> (int id, ClinicDb db, CancellationToken ct) =>
            await LoadLocations(db, id).FirstOrDefaultAsync(ct) is { } l ? TypedResults.Ok(l) : TypedResults.NotFound())
            .WithSummary("Read one location.");

        admin.MapPost("/locations", async (LocationInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.SaveLocationAsync(null, input, db, ct)).ToHttp(id => TypedResults.Created($"/api/locations/{id}", LoadLocations(db, id).First())))
            .Produces<LocationView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add a location.");

        admin.MapPut("/locations/{id:int}", async (int id, LocationInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.SaveLocationAsync(id, input, db, ct)).ToHttp(_ => TypedResults.Ok(LoadLocations(db, id).First())))
            .Produces<LocationView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change a location's details.");

        admin.MapPut("/locations/{id:int}/hours", async (int id, DayHours[] hours, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.SetHoursAsync(db, id, hours, ct)).ToHttp(_ => TypedResults.NoContent()))
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Replace a location's weekly opening hours (local time; days left out are closed).");

        admin.MapPost("/locations/{id:int}/closures", async (int id, ClosureInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.AddClosureAsync(id, input, db, ct)).ToHttp(c =>
                TypedResults.Created($"/api/locations/{id}/closures/{c.Id}", new ClosureView(c.Id, c.Date, c.Reason))))
            .Produces<ClosureView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Close a location on a date.");

        admin.MapDelete("/locations/{id:int}/closures/{closureId:int}", async Task<Results<NoContent, NotFound>> (int id, int closureId, ClinicDb db, CancellationToken ct) =>
            await db.Closures.Where(c => c.Id == closureId && c.LocationId == id).ExecuteDeleteAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithSummary("Remove a closure.");

        admin.MapPost("/locations/{id:int}/rooms", async (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.AddRoomAsync(id, input, db, ct)).ToHttp(r => TypedResults.Created($"/api/rooms/{r.Id}", new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive))))
            .Produces<ResourceView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add a room to a location (409 when the location has a room of that name).");

        admin.MapPut("/rooms/{id:int}", async (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.UpdateRoomAsync(id, input, db, ct)).ToHttp(r => TypedResults.Ok(new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive))))
            .Produces<ResourceView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change or retire a room (409 when another room of the location has the new name).");

        admin.MapPost("/locations/{id:int}/equipment", async (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.AddEquipmentAsync(id, input, db, ct)).ToHttp(r => TypedResults.Created($"/api/equipment/{r.Id}", new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive))))
            .Produces<ResourceView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add equipment to a location (409 when the location has equipment of that name).");

        admin.MapPut("/equipment/{id:int}", async (int id, ResourceInput input, ClinicDb db, CancellationToken ct) =>
            (await ManagePractice.UpdateEquipmentAsync(id, input, db, ct)).ToHttp(r => TypedResults.Ok(new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive))))
            .Produces<ResourceView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change or retire equipment (409 when other equipment of the location has the new name).");

        admin.MapGet("/staff", async (ClinicDb db, CancellationToken ct) =>
            TypedResults.Ok(await db.Staff.OrderBy(s => s.DisplayName)
                .Select(s => new StaffView(s.Id, s.DisplayName, s.Credentials, s.Npi, s.Role, s.IsActive, s.Locations.Select(l => l.LocationId).ToArray()))
                .ToListAsync(ct)))
            .WithSummary("List staff with their role and locations.");

        admin.MapPost("/staff", async (StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct) =>
            (await ManagePractice.AddStaffAsync(input, db, users, ct)).ToHttp(n => TypedResults.Created($"/api/staff/{n.Staff.Id}",
                new StaffView(n.Staff.Id, n.Staff.DisplayName, n.Staff.Credentials, n.Staff.Npi, n.Staff.Role, n.Staff.IsActive, input.LocationIds))))
            .Produces<StaffView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("Add a staff member with a sign-in (the first password is shown to the administrator on the page).");

        admin.MapPut("/staff/{id:int}", async (int id, StaffInput input, ClinicDb db, UserManager<AppUser> users, CancellationToken ct) =>
            (await ManagePractice.UpdateStaffAsync(id, input, db, users, ct)).ToHttp(_ => TypedResults.NoContent()))
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Change a staff member's role, locations or status (deactivating ends their sessions). Every field is required.");
    }


    private static IQueryable<LocationView> LoadLocations(ClinicDb db, int? id = null) => db.Locations.AsNoTracking()
        .Where(l => id == null || l.Id == id).OrderBy(l => l.Name)
        .Select(l => new LocationView(l.Id, l.Name, l.AddressLine, l.City, l.State, l.PostalCode, l.Phone, l.TimeZone, l.IsActive,
            l.Hours.OrderBy(h => h.Day).Select(h => new DayHours(h.Day, h.Opens, h.Closes)).ToArray(),
            l.Closures.OrderBy(c => c.Date).Select(c => new ClosureView(c.Id, c.Date, c.Reason)).ToArray(),
            l.Rooms.OrderBy(r => r.Name).Select(r => new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive)).ToArray(),
            l.Equipment.OrderBy(r => r.Name).Select(r => new ResourceView(r.Id, r.Name, r.Kind.ToString(), r.IsActive)).ToArray()));
}
