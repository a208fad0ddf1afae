using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Talus.Web.Tests.Hostile;

/// <summary>
/// The hostile-input suite for the REST API, generated from the app's own /openapi/v1.json: every operation with a body
/// or parameters gets unreadable JSON, wrong types, undefined enum values, numbers beyond the documented range, far
/// dates, missing or null required fields, huge strings, deep nesting and control characters. No request may answer
/// 5xx; a refused request (4xx) must write nothing; a request that must be refused and is accepted must write nothing.
/// Its own app (and database), so that no other test writes while it counts.
/// </summary>
public sealed class HostileApiTests(TalusApp app, ITestOutputHelper output) : IClassFixture<TalusApp>
{
    /// <summary>Field variants per operation, beyond the whole-body ones: enough to reach every field of most inputs.</summary>
    private const int VariantsPerOperation = 40;

    private static readonly string[] RoleOrder = [Roles.Clinician, Roles.Admin, Roles.FrontDesk, Roles.Billing, Roles.Outcomes];

    [Fact]
    public async Task EveryOperation_HostileInput_NeverAnswers5xx_AndRefusedRequestsWriteNothing()
    {
        using var writes = new WriteCounter(app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Talus"]!);
        using var anon = app.Anonymous();
        var document = await anon.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var ids = await KnownIdsAsync();
        var spareStaff = await AddSpareStaffAsync();
        var clients = RoleOrder.Append(Roles.Patient).ToDictionary(r => r, app.ClientAs);
        clients["anonymous"] = app.Anonymous();
        // Body fields take real ids by name; "name" and "instrument" are path values only (a body's name is its own).
        var requests = new HostileRequests(document, name => name is not ("name" or "instrument") && ids.TryGetValue(name, out var v) ? JsonValue.Create(v) : null,
            DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));

        var findings = new List<string>();
        var sent = 0;
        var operations = 0;
        var baseAccepted = 0;
        var refusedPlausible = new List<string>();
        string lastAnswer = "";
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var method = new HttpMethod(op.Name.ToUpperInvariant());
                var parameters = op.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [];
                var hasBody = op.Value.TryGetProperty("requestBody", out var requestBody);
                if (parameters.Count == 0 && !hasBody)
                {
                    continue;
                }
                operations++;
                var roles = path.Name.StartsWith("/api/portal", StringComparison.Ordinal) ? [Roles.Patient]
                    : path.Name.StartsWith("/api/auth", StringComparison.Ordinal) || path.Name.StartsWith("/calendar", StringComparison.Ordinal) ? ["anonymous"]
                    : RoleOrder.Append("anonymous").ToArray();
                string? chosen = null;

                async Task<int> SendAsync(string url, string? body, string what, bool mustRefuse)
                {
                    foreach (var role in chosen is null ? roles : [chosen])
                    {
                        var before = writes.Count;
                        using var message = new HttpRequestMessage(method, url);
                        if (body is not null)
                        {
                            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
                        }
                        using var response = await clients[role].SendAsync(message);
                        sent++;
                        var status = (int)response.StatusCode;
                        lastAnswer = status >= 400 ? await response.Content.ReadAsStringAsync() : "";
                        if (chosen is null && status is 401 or 403 && role != roles[^1])
                        {
                            continue;
                        }
                        chosen ??= role;
                        await app.FlushAuditAsync();
                        var written = writes.Since(before);
                        var label = $"{method} {path.Name} [{what}] as {role}";
                        if (status >= 500)
                        {
                            findings.Add($"{label}: {status} {Short(await response.Content.ReadAsStringAsync())}");
                        }
                        else if (status >= 400 && written.Count > 0)
                        {
                            findings.Add($"{label}: refused with {status} but wrote {string.Join(", ", written)}");
                        }
                        else if (status < 400 && mustRefuse && written.Count > 0)
                        {
                            findings.Add($"{label}: accepted ({status}) and stored invalid input in {string.Join(", ", written)}");
                        }
                        return status;
                    }
                    return 0;
                }

                var url = Url(path.Name, parameters, ids, spareStaff, op.Name);
                if (hasBody)
                {
                    var media = requestBody.GetProperty("content").EnumerateObject().First().Value;
                    var schema = media.GetProperty("schema");
                    var valid = PlausibleBody(requests, media, op.Name, path.Name, ids);
                    // The plausible body first: if the app accepts it, a variant it also accepts is a defect.
                    var plausibleStatus = await SendAsync(url, valid?.ToJsonString(), "plausible body", false);
                    if (plausibleStatus is >= 200 and < 300)
                    {
                        baseAccepted++;
                    }
                    else
                    {
                        refusedPlausible.Add($"{method} {url} ({chosen}): {plausibleStatus} {Short(lastAnswer, 400)} <= {Short(valid?.ToJsonString() ?? "", 600)}");
                    }
                    foreach (var v in requests.BodyVariants(schema, valid, VariantsPerOperation))
                    {
                        await SendAsync(url, v.Body, v.What, v.MustRefuse);
                    }
                }
                foreach (var p in parameters)
                {
                    var name = p.GetProperty("name").GetString()!;
                    var where = p.GetProperty("in").GetString();
                    var ps2 = requests.Resolve(p.GetProperty("schema"));
                    var format = ps2.TryGetProperty("format", out var f) ? f.GetString() : null;
                    var values = where == "path"
                        ? new List<string> { format == "uuid" ? Guid.NewGuid().ToString() : "999999", "abc" }
                        : ["abc", "-1", "2147483648", "0001-01-01", "9999-12-31", new string('x', 10_000), "a\u0000b", "999"];
                    foreach (var value in values)
                    {
                        var hostileUrl = where == "path"
                            ? Url(path.Name.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal), parameters, ids, spareStaff, op.Name)
                            : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"{name}={Uri.EscapeDataString(value)}";
                        var body = hasBody ? PlausibleBody(requests, requestBody.GetProperty("content").EnumerateObject().First().Value, op.Name, path.Name, ids)?.ToJsonString() : null;
                        // A GET never writes; a write with a hostile path or query must be refused.
                        await SendAsync(hostileUrl, body, $"{where} {name}={Short(value, 20)}", method != HttpMethod.Get && where == "path");
                    }
                }
            }
        }

        output.WriteLine($"Hostile API suite ({app.Provider}): {sent} requests to {operations} operations ({baseAccepted} accepted their plausible body); {findings.Count} findings.");
        foreach (var f in findings)
        {
            output.WriteLine(f);
        }
        output.WriteLine($"Operations that refused their plausible body ({refusedPlausible.Count}):");
        foreach (var r in refusedPlausible)
        {
            output.WriteLine(r);
        }
        Assert.True(operations > 80, $"expected the whole API in the document, found {operations} operations with input");
        Assert.True(findings.Count == 0, $"{findings.Count} of {sent} hostile requests broke a rule:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    /// <summary>
    /// The body the app should accept: the operation's documented example if it has one, else one built from the schema,
    /// then the operation's seed (below) laid over it for what the schema cannot say.
    /// </summary>
    private static JsonNode? PlausibleBody(HostileRequests requests, JsonElement media, string method, string path, Dictionary<string, string> ids)
    {
        var body = media.TryGetProperty("example", out var example) ? JsonNode.Parse(example.GetRawText()) : requests.Sample(media.GetProperty("schema"), "body");
        return Seeds(ids).TryGetValue($"{method} {path}", out var seed) ? Overlay(body, seed) : body;
    }

    private static JsonNode? Overlay(JsonNode? body, JsonNode? seed)
    {
        if (body is JsonObject target && seed is JsonObject fields)
        {
            foreach (var (name, value) in fields)
            {
                target[name] = (target[name], value) is (JsonObject, JsonObject) or (JsonArray, JsonArray) ? Overlay(target[name]!.DeepClone(), value) : value?.DeepClone();
            }
            return target;
        }
        if (body is JsonArray list && seed is JsonArray items && list.Count > 0 && items.Count > 0)
        {
            list[0] = Overlay(list[0]?.DeepClone(), items[0]);
            return list;
        }
        return seed?.DeepClone();
    }

    /// <summary>Per operation, what its schema cannot describe: choices checked by the use case, codes, related records.</summary>
    private static Dictionary<string, JsonNode?> Seeds(Dictionary<string, string> ids)
    {
        JsonNode? J(string json) => JsonNode.Parse(json);
        var type = ids.GetValueOrDefault("typeCode", "consultation");
        var portalType = ids.GetValueOrDefault("portalTypeCode", type);
        var grade = """{"grades":[{"value":"2"}]}""";
        var aidId = ids.TryGetValue("decisionAidRecordId", out var aid) ? $"\"{aid}\"" : "null";
        return new()
        {
            ["post /api/locations/{id}/rooms"] = J("""{"kind":"Exam"}"""),
            ["put /api/rooms/{id}"] = J("""{"kind":"Exam"}"""),
            ["post /api/locations/{id}/equipment"] = J("""{"kind":"Ultrasound"}"""),
            ["put /api/equipment/{id}"] = J("""{"kind":"Ultrasound"}"""),
            ["post /api/patients/{patientId}/imaging"] = J(grade),
            ["post /api/patients/{patientId}/labs"] = J("""{"loinc":"777-3","unit":"10*3/uL","value":250,"referenceLow":150,"referenceHigh":400}"""),
            ["post /api/patients/{patientId}/decision-aid/records"] = J("""{"chosenOption":"prp"}"""),
            ["post /api/patients/{patientId}/evaluations"] = J("""{"painAtMidRange":null}"""),
            ["post /api/patients/{patientId}/plans"] = J($$"""{"decisionAidRecordId":{{aidId}},"basedOnVersion":1}"""),
            ["post /api/patients/{patientId}/procedures"] = J("""{"harvestSite":"PosteriorIliacCrest"}"""),
            ["post /api/scheduling/types"] = J("""{"code":"hostile-type","equipment":[],"durationMinutes":30,"processingMinutes":0}"""),
            ["put /api/scheduling/types/{id}"] = J($$"""{"code":"{{type}}","equipment":[],"durationMinutes":30,"processingMinutes":0}"""),
            ["post /api/scheduling/slots/search"] = J($$"""{"type":"{{type}}","days":14,"count":5,"notBefore":null,"notAfter":null}"""),
            ["post /api/portal/slots/search"] = J($$"""{"type":"{{portalType}}","days":14,"count":5,"notBefore":null,"notAfter":null,"providerIds":null}"""),
            ["post /api/consent-templates"] = J("""{"sections":[{"id":"IC-01","title":"Hostile section","text":"Hostile text"}]}"""),
            ["post /api/scheduling/patients/{patientId}/appointments"] = J($$"""{"type":"{{type}}"}"""),
            ["post /api/portal/appointments"] = J($$"""{"type":"{{portalType}}"}"""),
            ["post /api/consultation-requests/{id}/handled"] = J("""{"outcome":"Handled"}"""),
        };
    }

    /// <summary>Real record ids by the names the API gives them, so that the plausible body reaches the use case.</summary>
    private async Task<Dictionary<string, string>> KnownIdsAsync()
    {
        var patient = await app.DemoPatientAsync();
        return await app.WithDbAsync(async db =>
        {
            var ids = new Dictionary<string, string>
            {
                ["patientId"] = patient.Id.ToString(),
                ["locationId"] = (await db.Locations.OrderBy(l => l.Id).FirstAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["preferredLocationId"] = (await db.Locations.OrderBy(l => l.Id).FirstAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["roomId"] = (await db.Rooms.OrderBy(l => l.Id).FirstAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["equipmentId"] = (await db.Equipment.OrderBy(l => l.Id).FirstAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["providerId"] = (await db.Staff.FirstAsync(s => s.Role == Roles.Clinician)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["staffId"] = (await db.Staff.FirstAsync(s => s.Role == Roles.Clinician)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["appointmentTypeId"] = (await db.AppointmentTypes.OrderBy(t => t.Id).FirstAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["typeId"] = (await db.AppointmentTypes.OrderBy(t => t.Id).FirstAsync()).Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["instrument"] = "Faos",
                ["name"] = "McidSettings",
            };
            void Add(string name, object? id)
            {
                if (id is not null)
                {
                    ids[name] = Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture)!;
                }
            }
            Add("typeCode", await db.AppointmentTypes.Where(t => t.IsActive).OrderBy(t => t.Id).Select(t => t.Code).FirstOrDefaultAsync());
            Add("portalTypeCode", await db.AppointmentTypes.Where(t => t.IsActive && t.PatientBookable).OrderBy(t => t.Id).Select(t => t.Code).FirstOrDefaultAsync());
            Add("decisionAidRecordId", await db.DecisionAids.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("operatorId", ids["providerId"]);
            // Drafts and booked visits where there are some, so that the change operations reach their rules.
            Add("intakeId", await db.Intakes.Where(i => i.PatientId == patient.Id && i.Status == RecordStatus.Draft).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("responseId", await db.QuestionnaireResponses.Where(i => i.PatientId == patient.Id && i.Status == RecordStatus.Draft).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            ids.TryAdd("intakeId", (await db.Intakes.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync())?.ToString() ?? Guid.NewGuid().ToString());
            ids.TryAdd("responseId", (await db.QuestionnaireResponses.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync())?.ToString() ?? Guid.NewGuid().ToString());
            Add("consentId", await db.SignedConsents.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("procedureId", await db.Procedures.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("planId", await db.TreatmentPlans.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("assessmentId", await db.CandidacyAssessments.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            var now = app.Clock.GetUtcNow().UtcDateTime;
            Add("appointmentId", await db.Appointments.Where(i => i.PatientId == patient.Id && i.Status == global::Talus.Web.Features.Scheduling.AppointmentStatus.Booked && i.Start > now).OrderBy(i => i.Start).Select(i => (Guid?)i.Id).FirstOrDefaultAsync()
                ?? await db.Appointments.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("closureId", await db.Closures.Select(i => (int?)i.Id).FirstOrDefaultAsync());
            Add("consultationRequestId", await db.ConsultationRequests.Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("templateId", await db.ConsentTemplates.Select(i => (int?)i.Id).FirstOrDefaultAsync());
            Add("outboxId", await db.Outbox.Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            Add("linkId", await db.PatientLinks.Where(i => i.PatientId == patient.Id).Select(i => (Guid?)i.Id).FirstOrDefaultAsync());
            return ids;
        });
    }

    /// <summary>A staff member no test signs in as, whose record the staff operations may change.</summary>
    private async Task<string> AddSpareStaffAsync()
    {
        using var admin = app.ClientAs(Roles.Admin);
        using var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            displayName = "Spare Staff", email = $"spare-{Guid.NewGuid():N}@talus.example", role = Roles.FrontDesk, locationIds = Array.Empty<int>(), isActive = true,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The operation's path with real ids for its path parameters (by name, and by the path for "{id}").</summary>
    private static string Url(string path, List<JsonElement> parameters, Dictionary<string, string> ids, string spareStaff, string method)
    {
        string Id(string name) => name switch
        {
            "id" when path.StartsWith("/api/locations", StringComparison.Ordinal) => ids["locationId"],
            "id" when path.StartsWith("/api/rooms", StringComparison.Ordinal) => ids["roomId"],
            "id" when path.StartsWith("/api/equipment", StringComparison.Ordinal) => ids["equipmentId"],
            "id" when path.StartsWith("/api/staff", StringComparison.Ordinal) => spareStaff,
            "id" when path.StartsWith("/api/scheduling/types", StringComparison.Ordinal) => ids["typeId"],
            "id" when path.StartsWith("/api/scheduling/reminders", StringComparison.Ordinal) => ids.GetValueOrDefault("outboxId", "1"),
            "id" when path.StartsWith("/api/consent-templates", StringComparison.Ordinal) => ids.GetValueOrDefault("templateId", "1"),
            "id" when path.StartsWith("/api/consultation-requests", StringComparison.Ordinal) => ids.GetValueOrDefault("consultationRequestId", Guid.NewGuid().ToString()),
            "id" when path.Contains("appointments", StringComparison.Ordinal) => ids.GetValueOrDefault("appointmentId", Guid.NewGuid().ToString()),
            "staffId" when path.Contains("/feed", StringComparison.Ordinal) => ids["staffId"],
            // Deleting a real record is not hostile input: deletes aim at records that do not exist.
            _ when method == "delete" && name is "id" or "closureId" or "linkId" => name == "linkId" ? Guid.NewGuid().ToString() : "999999",
            _ => ids.GetValueOrDefault(name, "1"),
        };
        foreach (var p in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = p.GetProperty("name").GetString()!;
            path = path.Replace("{" + name + "}", Id(name), StringComparison.Ordinal);
        }
        return path;
    }

    private static string Short(string text, int length = 300) => text.Length <= length ? text : text[..length] + "…";
}
