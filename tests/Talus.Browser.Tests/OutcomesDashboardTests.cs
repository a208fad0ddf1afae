using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Talus.Browser.Tests.Infrastructure;
using Talus.Clinical;
using Talus.Clinical.FollowUp;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.FollowUp;
using Talus.Web.Features.Procedure;
using static Microsoft.Playwright.Assertions;

namespace Talus.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OutcomesDashboardTests(BrowserApp browser)
{
    [Fact]
    public async Task OutcomesLead_NewAnswersArrive_DashboardMoves()
    {
        var page = await browser.NewPageAsync();
        await BrowserApp.SignInAsync(page, "outcomes@talus.example");
        await page.GotoAsync("/outcomes");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Responder rates, all treated joints" })).ToBeVisibleAsync();
        var before = await TreatedAtThreeMonthsAsync(page);

        await AddAnsweredJointsAsync(5);
        await page.ReloadAsync();

        Assert.Equal(before + 5, await TreatedAtThreeMonthsAsync(page));
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Share of treated joints without surgery" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "outcomes-dashboard");
    }

    [Fact]
    public async Task Prospect_OnPhone_ReadsResultsWithEvidence()
    {
        var page = await browser.NewPageAsync(phone: true);
        await page.GotoAsync("/learn/results");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Results of people we treated");
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Did not answer" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Randomized trials have not shown cell injections", new() { Exact = false })).ToBeVisibleAsync();
        await browser.ScreenshotAsync(page, "public-results-phone");
    }

    private static async Task<int> TreatedAtThreeMonthsAsync(IPage page)
    {
        var cell = page.Locator("section[aria-labelledby=overall-h] tbody tr").First.Locator("td").First;
        return int.Parse(await cell.InnerTextAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Joints treated in January whose 3-month answers (FAOS and global) are in: they enter the 3-month denominator.</summary>
    private Task<int> AddAnsweredJointsAsync(int count) => browser.App.WithDbAsync(async db =>
    {
        var location = await db.Locations.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        var operatorId = await db.Staff.Where(s => s.Role == Roles.Clinician).Select(s => s.Id).FirstAsync();
        var performed = new DateOnly(2026, 1, 12);
        var plan = new FollowUpSettings().Visits.Single(v => v.Visit == ProgramVisit.V3);
        for (var i = 0; i < count; i++)
        {
            var p = new Patient { Mrn = "O" + Guid.NewGuid().ToString("N")[..9], GivenName = "Dash", FamilyName = $"Board{i}", BirthDate = new(1960, 5, 5), CreatedAt = DateTime.UnixEpoch };
            p.NormalizeKeys();
            db.Patients.Add(p);
            var procedure = new ProcedureRecord
            {
                PatientId = p.Id, PlanId = Guid.NewGuid(), PlanVersion = 1, ConsentPacketId = Guid.NewGuid(), PerformedOn = performed, LocationId = location,
                OperatorId = operatorId, Joint = Joint.Ankle, Side = Side.Right, Product = InjectionProduct.BoneMarrowAspirateConcentrate, Source = TissueSource.Autologous,
                InjectateVolumeMl = 3, Flag = RegulatoryFlag.Green, ClassificationJson = "[]", AfterCareJson = "[]", RecordedAt = DateTime.UnixEpoch,
            };
            db.Procedures.Add(procedure);
            var visit = new FollowUpVisit
            {
                PatientId = p.Id, ProcedureId = procedure.Id, LocationId = location, Joint = Joint.Ankle, Side = Side.Right, Visit = ProgramVisit.V3, IndexDate = performed,
                TargetDate = performed.AddDays(plan.TargetDay), WindowStart = performed.AddDays(plan.WindowStartDay), WindowEnd = performed.AddDays(plan.WindowEndDay),
                Questionnaires = "Faos", Status = FollowUpStatus.Completed,
            };
            db.FollowUpVisits.Add(visit);
            var response = new QuestionnaireResponse
            {
                PatientId = p.Id, Instrument = InstrumentId.Faos, Context = QuestionnaireContext.FollowUp, FollowUpVisitId = visit.Id, Joint = Joint.Ankle,
                Side = Side.Right, Status = RecordStatus.Submitted, AnswersJson = "{}", CompletedOn = visit.TargetDate, UpdatedAt = DateTime.UnixEpoch,
            };
            db.QuestionnaireResponses.Add(response);
            db.ScoreRows.Add(new ScoreRow
            {
                ResponseId = response.Id, PatientId = p.Id, Instrument = InstrumentId.Faos, Subscale = Faos.Pain, Score = 80, Joint = Joint.Ankle, Side = Side.Right,
                FollowUpVisitId = visit.Id, Visit = ProgramVisit.V3, ProcedureId = procedure.Id, DaysFromIndex = plan.TargetDay, InWindow = true,
                CompletedOn = visit.TargetDate, SubmittedAt = DateTime.UnixEpoch,
            });
        }
        await db.SaveChangesAsync();
        return 0;
    });
}
