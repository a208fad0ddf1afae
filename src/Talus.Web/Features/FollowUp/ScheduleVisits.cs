using Talus.Clinical.FollowUp;
using Talus.Web.Data;
using Talus.Web.Features.Procedure;

namespace Talus.Web.Features.FollowUp;

/// <summary>
/// Places the program's follow-up visits (SPEC §4.2, the practice's FollowUpSettings) after an index procedure, in the
/// caller's unit of work so they are saved with the procedure record.
/// </summary>
public static class ScheduleVisits
{
    public static IReadOnlyList<FollowUpVisit> Add(ClinicDb db, ProcedureRecord procedure, FollowUpSettings settings, DateOnly today)
    {
        var visits = FollowUpSchedule.For(procedure.PerformedOn, settings).Select(v => new FollowUpVisit
        {
            PatientId = procedure.PatientId, ProcedureId = procedure.Id, LocationId = procedure.LocationId,
            Joint = procedure.Joint, Side = procedure.Side, Visit = v.Visit, IndexDate = procedure.PerformedOn,
            TargetDate = v.TargetDate, WindowStart = v.WindowStart, WindowEnd = v.WindowEnd,
            Questionnaires = string.Join(',', v.Instruments),
            // Radiographs and MRI are the imaging of SPEC §4.3.
            ImagingDue = v.Tasks.Any(t => t is VisitTask.WeightBearingRadiographs or VisitTask.OptionalMri),
            Status = StatusOn(v.WindowStart, v.WindowEnd, today) ?? FollowUpStatus.LostToFollowUp,
        }).ToList();
        db.FollowUpVisits.AddRange(visits);
        return visits;
    }

    /// <summary>Upcoming before the window, Open inside it (inclusive), null once it has closed.</summary>
    public static FollowUpStatus? StatusOn(DateOnly windowStart, DateOnly windowEnd, DateOnly today) =>
        today < windowStart ? FollowUpStatus.Upcoming : today <= windowEnd ? FollowUpStatus.Open : null;
}
