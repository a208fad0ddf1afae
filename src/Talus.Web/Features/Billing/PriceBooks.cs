using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Billing;

/// <summary>What a price item says: the same rules for the price-book page and the REST API.</summary>
public sealed class PriceItemInput
{
    [Required, Display(Name = "Item")] public PriceItemKind? Kind { get; set; }
    [Display(Name = "Cell source and method")] public InjectionProduct? Product { get; set; }
    [Required, StringLength(200, MinimumLength = 2), Display(Name = "Description")] public string Description { get; set; } = "";
    /// <summary>CPT (5 digits, or 4 digits and T/F for Category III/II) or HCPCS level II (a letter and 4 digits), SPEC §8.2.</summary>
    [Required, RegularExpression(@"^([0-9]{4}[0-9TF]|[A-V][0-9]{4})$", ErrorMessage = "Service code: a CPT code (e.g. 20606, 0232T) or an HCPCS code (e.g. J3301)."), Display(Name = "Service code")]
    public string ServiceCode { get; set; } = "";
    [Range(0, 10_000_000_00L, ErrorMessage = "The unit price must be between $0 and $10,000,000, in cents."), Display(Name = "Unit price (cents)")]
    public long UnitCents { get; set; }
    [RegularExpression("^USD$", ErrorMessage = "Prices are in US dollars: currency must be USD."), Display(Name = "Currency")]
    public string Currency { get; set; } = "USD";
    [Required, Range(1, int.MaxValue), Display(Name = "Billed by")] public int? BillingEntityId { get; set; }

    public static PriceItemInput From(PriceItem i) => new()
    {
        Kind = i.Kind, Product = i.Product, Description = i.Description, ServiceCode = i.ServiceCode, UnitCents = i.UnitCents,
        Currency = i.Currency, BillingEntityId = i.BillingEntityId,
    };
}

/// <summary>A new price-book version for a location, starting on a date (copies the latest version's items).</summary>
public sealed class NewPriceBookInput
{
    [Required, Range(1, int.MaxValue), Display(Name = "Location")] public int? LocationId { get; set; }
    [Required, Display(Name = "Effective from")] public DateOnly? EffectiveFrom { get; set; }
}

/// <summary>A price item as saved, and the book it is now in (a new draft version when the book was active).</summary>
public sealed record PriceItemSaved(PriceBook Book, PriceItem Item, bool NewVersion);

/// <summary>
/// Price-book versions: a location's prices change only by a new version with its effective date; an active book is
/// never edited in place, so an estimate always names the version it was priced from.
/// </summary>
public static class PriceBooks
{
    /// <summary>The book that applies at a location on a day: the highest active (or retired) version whose dates include it.</summary>
    public static Task<PriceBook?> ForDateAsync(ClinicDb db, int locationId, DateOnly day, CancellationToken ct) =>
        db.PriceBooks.AsNoTracking().Include(b => b.Items).ThenInclude(i => i.BillingEntity)
            .Where(b => b.LocationId == locationId && b.Status != PriceBookStatus.Draft && b.EffectiveFrom <= day
                && (b.EffectiveTo == null || b.EffectiveTo >= day))
            .OrderByDescending(b => b.Version).AsSplitQuery().FirstOrDefaultAsync(ct);

    /// <summary>Starts the next version as a draft with the latest version's items; it applies once activated.</summary>
    public static async Task<Outcome<PriceBook>> NewVersionAsync(NewPriceBookInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var locationId = input.LocationId!.Value;
        if (!await db.Locations.AnyAsync(l => l.Id == locationId, ct))
        {
            return Outcome.Invalid("locationId", "No such location.");
        }
        if (await db.PriceBooks.AnyAsync(b => b.LocationId == locationId && b.Status == PriceBookStatus.Draft, ct))
        {
            return Outcome.Conflict("This location already has a draft price book: finish (activate) it or edit it.");
        }
        var latest = await db.PriceBooks.AsNoTracking().Include(b => b.Items)
            .Where(b => b.LocationId == locationId).OrderByDescending(b => b.Version).FirstOrDefaultAsync(ct);
        var book = Draft(locationId, latest, input.EffectiveFrom!.Value, by, clock);
        db.PriceBooks.Add(book);
        await db.SaveChangesAsync(ct);
        return book;
    }

    /// <summary>
    /// Makes a draft the book in force from its effective date (today or later): the book before it then ends the day
    /// before, and is retired when that day has passed.
    /// </summary>
    public static async Task<Outcome<PriceBook>> ActivateAsync(int bookId, DateOnly? effectiveFrom, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        var book = await db.PriceBooks.Include(b => b.Items).FirstOrDefaultAsync(b => b.Id == bookId, ct);
        if (book is null)
        {
            return Outcome.NotFound("No such price book.");
        }
        if (book.Status != PriceBookStatus.Draft)
        {
            return Outcome.Refused($"Version {book.Version} is already {book.Status.ToString().ToLowerInvariant()}; only a draft is activated.");
        }
        var zone = await db.Locations.Where(l => l.Id == book.LocationId).Select(l => l.TimeZone).FirstAsync(ct);
        var today = PracticeClock.Today(clock, zone);
        var from = effectiveFrom ?? book.EffectiveFrom;
        if (from < today || from < InputCheck.Earliest || from > InputCheck.Latest)
        {
            return Outcome.Invalid("effectiveFrom", "A price book starts today or later: estimates already given keep the prices they were made with.");
        }
        if (book.Items.Count == 0)
        {
            return Outcome.Refused("An empty price book cannot be activated: add its items first.");
        }
        var earlier = await db.PriceBooks.Where(b => b.LocationId == book.LocationId && b.Status == PriceBookStatus.Active).ToListAsync(ct);
        if (earlier.Any(b => b.EffectiveFrom >= from))
        {
            return Outcome.Invalid("effectiveFrom", $"Version {earlier.Max(b => b.Version)} starts on {earlier.Max(b => b.EffectiveFrom):yyyy-MM-dd}: the new version must start after it.");
        }
        foreach (var b in earlier.Where(b => b.EffectiveTo is null || b.EffectiveTo >= from))
        {
            b.EffectiveTo = from.AddDays(-1);
            if (b.EffectiveTo < today)
            {
                b.Status = PriceBookStatus.Retired;
            }
            b.Concurrency = Guid.NewGuid();
        }
        book.EffectiveFrom = from;
        book.Status = PriceBookStatus.Active;
        book.ActivatedAt = clock.GetUtcNow().UtcDateTime;
        book.ActivatedBy = by;
        book.Concurrency = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return book;
    }

    /// <summary>
    /// Adds or changes an item. In a draft the item changes in place; in an active book the change makes the next
    /// version (a draft starting tomorrow, with every other item copied) and the active book stays as it was.
    /// </summary>
    public static async Task<Outcome<PriceItemSaved>> SaveItemAsync(int bookId, int? itemId, PriceItemInput input, string? by, ClinicDb db, TimeProvider clock, CancellationToken ct)
    {
        if (InputCheck.Validate(input) is { } invalid)
        {
            return invalid;
        }
        var book = await db.PriceBooks.Include(b => b.Items).FirstOrDefaultAsync(b => b.Id == bookId, ct);
        if (book is null || (itemId is { } id && book.Items.All(i => i.Id != id)))
        {
            return Outcome.NotFound("No such price book or item.");
        }
        if (!await db.BillingEntities.AnyAsync(e => e.Id == input.BillingEntityId && e.LocationId == book.LocationId, ct))
        {
            return Outcome.Invalid("billingEntityId", "Choose a provider or facility of this location.");
        }
        if (input.Kind is PriceItemKind.CellProcessing or PriceItemKind.CellProduct && input.Product is null)
        {
            return Outcome.Invalid("product", "Processing and products name the cell source and method.");
        }
        var newVersion = false;
        if (book.Status == PriceBookStatus.Retired)
        {
            return Outcome.Refused($"Version {book.Version} is retired; change the current version instead.");
        }
        if (book.Status == PriceBookStatus.Active)
        {
            if (await db.PriceBooks.AnyAsync(b => b.LocationId == book.LocationId && b.Status == PriceBookStatus.Draft, ct))
            {
                return Outcome.Conflict("This location already has a draft price book: make the change there.");
            }
            var zone = await db.Locations.Where(l => l.Id == book.LocationId).Select(l => l.TimeZone).FirstAsync(ct);
            var draft = Draft(book.LocationId, book, PracticeClock.Today(clock, zone).AddDays(1), by, clock);
            var index = itemId is null ? -1 : book.Items.OrderBy(i => i.Id).ToList().FindIndex(i => i.Id == itemId);
            db.PriceBooks.Add(draft);
            book = draft;
            itemId = null;
            newVersion = true;
            if (index >= 0)
            {
                // The copied items keep the order of the originals: the edited one is at the same index.
                var copy = draft.Items[index];
                Apply(copy, input);
                await db.SaveChangesAsync(ct);
                return new PriceItemSaved(draft, copy, newVersion);
            }
        }
        var item = itemId is { } existing ? book.Items.First(i => i.Id == existing) : null;
        if (item is null)
        {
            item = new PriceItem { Description = "", ServiceCode = "" };
            book.Items.Add(item);
        }
        Apply(item, input);
        book.Concurrency = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return new PriceItemSaved(book, item, newVersion);
    }

    /// <summary>Removes an item from a draft (an active book changes only by a new version).</summary>
    public static async Task<Outcome<PriceBook>> RemoveItemAsync(int bookId, int itemId, ClinicDb db, CancellationToken ct)
    {
        var book = await db.PriceBooks.Include(b => b.Items).FirstOrDefaultAsync(b => b.Id == bookId, ct);
        var item = book?.Items.FirstOrDefault(i => i.Id == itemId);
        if (book is null || item is null)
        {
            return Outcome.NotFound("No such price book or item.");
        }
        if (book.Status != PriceBookStatus.Draft)
        {
            return Outcome.Refused("Only a draft price book loses items: start a new version to drop one.");
        }
        book.Items.Remove(item);
        db.PriceItems.Remove(item);
        await db.SaveChangesAsync(ct);
        return book;
    }

    private static PriceBook Draft(int locationId, PriceBook? from, DateOnly effectiveFrom, string? by, TimeProvider clock) => new()
    {
        LocationId = locationId, Version = (from?.Version ?? 0) + 1, EffectiveFrom = effectiveFrom, Status = PriceBookStatus.Draft,
        CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        Items = [.. (from?.Items ?? []).OrderBy(i => i.Id).Select(i => new PriceItem
        {
            Kind = i.Kind, Product = i.Product, Description = i.Description, ServiceCode = i.ServiceCode, UnitCents = i.UnitCents,
            Currency = i.Currency, BillingEntityId = i.BillingEntityId,
        })],
    };

    private static void Apply(PriceItem item, PriceItemInput input)
    {
        item.Kind = input.Kind!.Value;
        item.Product = input.Product;
        item.Description = input.Description.Trim();
        item.ServiceCode = input.ServiceCode;
        item.UnitCents = input.UnitCents;
        item.Currency = "USD";
        item.BillingEntityId = input.BillingEntityId!.Value;
    }
}
