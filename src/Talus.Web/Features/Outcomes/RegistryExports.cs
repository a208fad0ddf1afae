using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Talus.Clinical.Registry;
using Talus.Web.Data;
using Talus.Web.Shared;

namespace Talus.Web.Features.Outcomes;

/// <summary>
/// The registry's two files: the registry CSV (the dashboard's slices, small cells suppressed) and the de-identified
/// research export (one row per score, HIPAA Safe Harbor, decision 0009), which is written as it is read: memory stays flat
/// whatever the number of rows.
/// </summary>
public static class RegistryExports
{
    public const string ResearchHeader =
        "study_id,sex,age_group,state,zip3,joint,side,product,cell_source,procedure_date_shifted,visit,days_from_index,answered_on_shifted,in_window,instrument,subscale,score";

    public static async Task WriteRegistryCsvAsync(RegistryReport report, TextWriter w)
    {
        await w.WriteLineAsync("time_point_months,dimension,slice,patients_itt,responders,non_responders,not_assessed,itt_rate,itt_ci_low,itt_ci_high,assessed_rate,suppressed");
        foreach (var tp in report.TimePoints)
        {
            await Row(w, tp.TimePoint, "All", tp.Overall);
            foreach (var d in tp.Dimensions)
            {
                foreach (var s in d.Slices)
                {
                    await Row(w, tp.TimePoint, Labels.Of(d.Dimension), s);
                }
            }
        }
    }

    private static Task Row(TextWriter w, RegistryTimePoint tp, string dimension, SliceRate s)
    {
        var c = s.Rate.Counts;
        return w.WriteLineAsync(s.Hidden
            ? Join((int)tp, dimension, s.Label, "", "", "", "", "", "", "", "", $"yes (fewer than {s.Suppression switch { Suppression.SmallCell => "the threshold", _ => "complementary" }})")
            : Join((int)tp, dimension, s.Label, c.Denominator, c.Responders, c.NonResponders, c.NotAssessed,
                Num(s.Rate.Rate), Num(s.Rate.Interval?.Lower), Num(s.Rate.Interval?.Upper), Num(s.Rate.AssessedRate), "no"));
    }

    /// <summary>
    /// Every score row with the facts a researcher needs and none of the 18 Safe Harbor identifiers: no name, address below
    /// state, contact, MRN, account, device or lot number, URL or free text; ZIP to 3 digits where allowed; ages over 89 as
    /// "90+"; each patient's dates shifted by one random offset; a random study id per patient and per export.
    /// </summary>
    public static async Task WriteResearchCsvAsync(ClinicDb db, RegistrySettings settings, TextWriter w, CancellationToken ct)
    {
        await w.WriteLineAsync(ResearchHeader);
        var rows =
            from s in db.ScoreRows.AsNoTracking()
            join pt in db.Patients on s.PatientId equals pt.Id
            join pr in db.Procedures on s.ProcedureId equals (Guid?)pr.Id into procs
            from pr in procs.DefaultIfEmpty()
            orderby s.PatientId, s.CompletedOn, s.Id
            select new
            {
                s.PatientId, pt.Sex, pt.BirthDate, pt.State, pt.PostalCode, s.Joint, s.Side,
                Product = (Talus.Clinical.InjectionProduct?)pr.Product, Source = (Talus.Clinical.TissueSource?)pr.Source, PerformedOn = (DateOnly?)pr.PerformedOn,
                s.Visit, s.DaysFromIndex, s.CompletedOn, s.InWindow, s.Instrument, s.Subscale, s.Score,
            };

        Guid? current = null;
        string studyId = "";
        var offset = 0;
        var written = 0;
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (r.PatientId != current)
            {
                current = r.PatientId;
                studyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
                offset = SafeHarbor.NewOffset(Random.Shared, settings);
            }
            var ageOn = r.PerformedOn ?? r.CompletedOn;
            await w.WriteLineAsync(Join(
                studyId, r.Sex, SafeHarbor.AgeGroup(Math.Max(0, SafeHarbor.AgeOn(r.BirthDate, ageOn))), r.State, SafeHarbor.Zip3(r.PostalCode, settings),
                r.Joint, r.Side, r.Product, r.Source, Date(r.PerformedOn is { } p ? SafeHarbor.Shift(p, offset) : null),
                r.Visit, r.DaysFromIndex, Date(SafeHarbor.Shift(r.CompletedOn, offset)), r.InWindow is { } iw ? (iw ? "yes" : "no") : "",
                r.Instrument, r.Subscale, r.Score.ToString("R", CultureInfo.InvariantCulture)));
            if (++written % 1000 == 0)
            {
                await w.FlushAsync(ct);
            }
        }
        await w.FlushAsync(ct);
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Num(double? v) => v?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";

    /// <summary>One CSV line (RFC 4180 quoting); a cell that a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    public static string Join(params object?[] cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            var text = cells[i] switch
            {
                null => "",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString() ?? "",
            };
            if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && cells[i] is string)
            {
                text = "'" + text;
            }
            line.Append(text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
        }
        return line.ToString();
    }
}
