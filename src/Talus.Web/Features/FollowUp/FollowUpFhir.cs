using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Talus.Web.Features.Evaluation;
using Talus.Web.Features.Procedure;
using Talus.Web.Fhir;
using Talus.Web.Shared;
using Task = System.Threading.Tasks.Task;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// The two plans of each procedure as FHIR R4 CarePlans (SPEC §8.5 "Post-procedure plan, follow-ups"): the after-care
/// plan (SPEC §4.7 restrictions, one activity per instruction with its days) and the follow-up plan (SPEC §4.2 visits,
/// one activity per visit with its window and status). Ids after-care-{procedure} and follow-up-{procedure}; category
/// US Core assess-plan plus the practice's after-care | follow-up.
/// </summary>
public static class FollowUpFhir
{
    public static readonly FhirType CarePlanType = new("CarePlan", Auth.Policies.FhirRecord,
        [
            new("patient", SearchParamType.Reference, "Patient/{id}."),
            new("subject", SearchParamType.Reference, "Patient/{id}."),
            new("category", SearchParamType.Token, "after-care | follow-up (practice codes) or assess-plan (US Core)."),
            new("status", SearchParamType.Token, "active | completed (a follow-up plan is completed when no visit is upcoming or open)."),
            new("date", SearchParamType.Date, "Start of the plan (the procedure day), with prefixes."),
        ],
        ReadAsync, SearchAsync);

    private const string UsCoreCategory = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
    private const string AfterCare = "after-care", FollowUp = "follow-up";
    // Kinds in the order of the two plans of one procedure (the cursor's tie-breaker).
    private static readonly string[] Kinds = [AfterCare, FollowUp];

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CarePlan Plan(string kind, ProcedureRecord p, FhirSystems systems, string title) => new()
    {
        Id = $"{kind}-{p.Id}",
        Status = RequestStatus.Active,
        Intent = CarePlan.CarePlanIntent.Plan,
        Category =
        [
            new CodeableConcept(UsCoreCategory, "assess-plan"),
            new CodeableConcept(systems.CodeSystem("care-plan"), kind, title),
        ],
        Title = title,
        Subject = new ResourceReference($"Patient/{p.PatientId}"),
        Author = new ResourceReference($"Practitioner/{p.OperatorId}"),
        Addresses = [new ResourceReference { Display = EvaluationFhir.BodySite(p.Joint, p.Side, systems).Text }],
        Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{title}</div>" },
    };

    /// <summary>The after-care plan: each instruction an activity, scheduled from its first to its last day (open-ended when it has none).</summary>
    public static CarePlan ToAfterCarePlan(this ProcedureRecord p, FhirSystems systems)
    {
        var instructions = RecordProcedure.AfterCareOf(p);
        var plan = Plan(AfterCare, p, systems, "After-care plan");
        plan.Period = new Period { Start = Day(p.PerformedOn), End = instructions.All(i => i.End is not null) && instructions.Count > 0 ? Day(instructions.Max(i => i.End!.Value)) : null };
        foreach (var i in instructions)
        {
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Code = new CodeableConcept(systems.CodeSystem("after-care"), i.Code),
                    Status = CarePlan.CarePlanActivityStatus.Scheduled,
                    Scheduled = new Period { Start = Day(i.Start), End = i.End is { } end ? Day(end) : null },
                    Description = i.PatientText,
                },
            });
        }
        return plan;
    }

    public static CarePlan.CarePlanActivityStatus StatusOf(FollowUpStatus s) => s switch
    {
        FollowUpStatus.Open => CarePlan.CarePlanActivityStatus.InProgress,
        FollowUpStatus.Completed => CarePlan.CarePlanActivityStatus.Completed,
        FollowUpStatus.Missed => CarePlan.CarePlanActivityStatus.Stopped,
        FollowUpStatus.LostToFollowUp => CarePlan.CarePlanActivityStatus.Cancelled,
        _ => CarePlan.CarePlanActivityStatus.Scheduled,
    };

    private static bool Pending(FollowUpStatus s) => s is FollowUpStatus.Upcoming or FollowUpStatus.Open;

    /// <summary>The follow-up plan: each program visit an activity with its window (SPEC §4.2) and the questionnaires due.</summary>
    public static CarePlan ToFollowUpPlan(this ProcedureRecord p, IReadOnlyList<FollowUpVisit> visits, FhirSystems systems)
    {
        var plan = Plan(FollowUp, p, systems, "Follow-up plan");
        plan.Status = visits.Any(v => Pending(v.Status)) ? RequestStatus.Active : RequestStatus.Completed;
        plan.Period = new Period { Start = Day(p.PerformedOn), End = visits.Count > 0 ? Day(visits.Max(v => v.WindowEnd)) : null };
        foreach (var v in visits.OrderBy(v => v.TargetDate))
        {
            var due = string.Join(", ", v.Instruments().Select(i => Labels.Of(i)));
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.Appointment,
                    Code = new CodeableConcept(systems.CodeSystem("program-visit"), v.Visit.ToString(), Labels.Of(v.Visit)),
                    Status = StatusOf(v.Status),
                    Scheduled = new Period { Start = Day(v.WindowStart), End = Day(v.WindowEnd) },
                    Location = new ResourceReference($"Location/{v.LocationId}"),
                    Description = $"Target {Day(v.TargetDate)}; questionnaires: {due}{(v.ImagingDue ? "; imaging due" : "")}.",
                },
            });
        }
        return plan;
    }

    private static async Task<FhirFound?> ReadAsync(FhirRequest request, string id)
    {
        var kind = Kinds.FirstOrDefault(k => id.StartsWith(k + "-", StringComparison.Ordinal));
        if (kind is null || !Guid.TryParse(id.AsSpan(kind.Length + 1), out var g))
        {
            return null;
        }
        var p = await request.Visible(request.Db.Procedures.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == g, request.Ct);
        if (p is null)
        {
            return null;
        }
        return new FhirFound(kind == AfterCare ? p.ToAfterCarePlan(request.Systems)
            : p.ToFollowUpPlan(await request.Db.FollowUpVisits.AsNoTracking().Where(v => v.ProcedureId == p.Id).ToListAsync(request.Ct), request.Systems), p.PatientId);
    }

    private static async Task<FhirPage> SearchAsync(FhirRequest request, FhirQuery query)
    {
        var db = request.Db;
        var kinds = Kinds.ToList();
        if (query.Tokens("category") is { } categories)
        {
            kinds = [.. Kinds.Where(k => categories.Any(c => c.Is(request.Systems.CodeSystem("care-plan"), k) || c.Is(UsCoreCategory, "assess-plan")))];
        }
        var rows = request.Visible(db.Procedures.AsNoTracking(), query);
        if (query.Ids is { } ids)
        {
            var wanted = ids.Select(i => Kinds.FirstOrDefault(k => i.StartsWith(k + "-", StringComparison.Ordinal)) is { } k && Guid.TryParse(i.AsSpan(k.Length + 1), out var g) ? (k, g) : default).ToList();
            kinds = [.. kinds.Where(k => wanted.Any(w => w.k == k))];
            var procedures = wanted.Select(w => w.g).ToList();
            rows = rows.Where(p => procedures.Contains(p.Id));
        }
        // After-care plans are served as active; a follow-up plan is active while a visit is upcoming or open, then completed.
        var statuses = query.Tokens("status");
        bool Wants(string status) => statuses is null || statuses.Any(s => s.Code == status);
        bool? followUpActive = Wants("active") == Wants("completed") ? null : Wants("active");
        if (!Wants("active"))
        {
            kinds.Remove(AfterCare);
        }
        if (!Wants("active") && !Wants("completed"))
        {
            kinds.Remove(FollowUp);
        }
        if (kinds.Count == 0)
        {
            return new FhirPage([], null);
        }
        if (!kinds.Contains(AfterCare) && followUpActive is { } active)
        {
            // Every procedure read then yields a plan, so a full page of procedures is a full page of plans.
            var pending = db.FollowUpVisits.Where(v => v.Status == FollowUpStatus.Upcoming || v.Status == FollowUpStatus.Open);
            rows = active ? rows.Where(p => pending.Any(v => v.ProcedureId == p.Id)) : rows.Where(p => !pending.Any(v => v.ProcedureId == p.Id));
        }
        rows = query.WhereDates(rows, "date", p => p.PerformedOn);
        var ascending = query.DateAscending != false;
        // The cursor: the last plan's procedure date, procedure id and kind; the cursor's procedure is read again for its second plan.
        (DateOnly Date, Guid Id, int Kind)? after = query.After is { } c ? (c.Value<DateOnly>(0), c.Value<Guid>(1), c.Value<int>(2)) : null;
        if (after is { } a)
        {
            rows = rows.Where(Keyset.AtOrAfter<ProcedureRecord, DateOnly, Guid>(p => p.PerformedOn, a.Date, p => p.Id, a.Id, ascending));
        }
        var ordered = ascending ? rows.OrderBy(p => p.PerformedOn).ThenBy(p => p.Id) : rows.OrderByDescending(p => p.PerformedOn).ThenByDescending(p => p.Id);
        var page = await ordered.Take(query.Count + 2).ToListAsync(request.Ct);
        var pageIds = page.Select(p => p.Id).ToList();
        var visits = kinds.Contains(FollowUp)
            ? (await db.FollowUpVisits.AsNoTracking().Where(v => pageIds.Contains(v.ProcedureId)).ToListAsync(request.Ct)).ToLookup(v => v.ProcedureId)
            : Enumerable.Empty<FollowUpVisit>().ToLookup(v => v.ProcedureId);
        var plans = page
            .SelectMany(p => kinds.Select(k => (p, Kind: Array.IndexOf(Kinds, k))))
            .Where(x => x.Kind == 0 || followUpActive is not { } active || visits[x.p.Id].Any(v => Pending(v.Status)) == active)
            .Where(x => after is not { } a || x.p.Id != a.Id || x.Kind > a.Kind)
            .Take(query.Count + 1)
            .ToList();
        return FhirPage.From(plans, query,
            x => FhirCursor.Encode(FhirCursor.Text(x.p.PerformedOn), FhirCursor.Text(x.p.Id), FhirCursor.Text(x.Kind)),
            x => new FhirFound(x.Kind == 0 ? x.p.ToAfterCarePlan(request.Systems) : x.p.ToFollowUpPlan([.. visits[x.p.Id]], request.Systems), x.p.PatientId));
    }
}
