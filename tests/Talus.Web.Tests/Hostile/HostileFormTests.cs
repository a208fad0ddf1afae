using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Talus.Web.Data;
using Talus.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Talus.Web.Tests.Hostile;

/// <summary>
/// The hostile-input suite for the pages: each role walks the links it is shown (one page per route shape), reads every
/// form with its antiforgery token, and posts garbled values: numbers out of range and not numbers, undefined choice
/// numbers in selects, far dates, huge strings, control characters, rows left out, nothing at all. No post may answer
/// 5xx; a garbled value must not be stored. Its own app (and database), so that no other test writes while it counts.
/// </summary>
public sealed partial class HostileFormTests(TalusApp app, ITestOutputHelper output) : IClassFixture<TalusApp>
{
    private const int PagesPerRole = 60;
    private const int VariantsPerForm = 14;

    /// <summary>Roles that can change their own access last, so that a defect there cannot hide the others.</summary>
    private static readonly string[] Roles_ = [Roles.Patient, Roles.Billing, Roles.Outcomes, Roles.FrontDesk, Roles.Clinician, Roles.Admin];

    private sealed record Field(string Name, string Type, string Value, string[] Options);

    private sealed record Form(string Page, string Action, string Handler, string Token, List<Field> Fields);

    [Fact]
    public async Task EveryPageForm_GarbledValues_NeverAnswers5xx_AndNothingGarbledIsStored()
    {
        using var writes = new WriteCounter(app.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Talus"]!);
        var findings = new List<string>();
        var sent = 0;
        var formCount = 0;
        var pageCount = 0;
        foreach (var role in Roles_)
        {
            using var client = app.ClientAs(role);
            var forms = new List<Form>();
            var seenPages = new HashSet<string>();
            var seenForms = new HashSet<string>();
            var queue = new Queue<string>([role == Roles.Patient ? "/portal" : "/"]);
            while (queue.Count > 0 && seenPages.Count < PagesPerRole)
            {
                var url = queue.Dequeue();
                if (!seenPages.Add(Shape(url)))
                {
                    continue;
                }
                using var response = await client.GetAsync(url);
                sent++;
                output.WriteLine($"GET {url} as {role}: {(int)response.StatusCode}");
                if ((int)response.StatusCode >= 500)
                {
                    findings.Add($"GET {url} as {role}: {(int)response.StatusCode}");
                    continue;
                }
                if (response.Headers.Location is { } moved)
                {
                    queue.Enqueue(moved.IsAbsoluteUri ? moved.PathAndQuery : moved.OriginalString);
                }
                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                var html = await response.Content.ReadAsStringAsync();
                pageCount++;
                foreach (Match m in Link().Matches(html))
                {
                    var href = WebUtility.HtmlDecode(m.Groups[1].Value);
                    if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !Skip().IsMatch(href) && !seenPages.Contains(Shape(href)))
                    {
                        queue.Enqueue(href);
                    }
                }
                foreach (var form in ReadForms(url, html).Where(f => seenForms.Add($"{Shape(f.Action)} {f.Handler}")))
                {
                    forms.Add(form);
                }
            }
            foreach (var form in forms)
            {
                formCount++;
                foreach (var (what, fields, mustRefuse) in Variants(form).Take(VariantsPerForm))
                {
                    var before = writes.Count;
                    var body = new List<KeyValuePair<string, string>>
                    {
                        new("_handler", form.Handler), new("__RequestVerificationToken", form.Token),
                    };
                    body.AddRange(fields);
                    using var response = await client.PostAsync(form.Action, new FormUrlEncodedContent(body));
                    sent++;
                    await app.FlushAuditAsync();
                    var status = (int)response.StatusCode;
                    var written = writes.Since(before);
                    var label = $"POST {form.Action} ({form.Handler}) [{what}] as {role}";
                    if (status >= 500)
                    {
                        findings.Add($"{label}: {status}");
                    }
                    else if (written.Count > 0 && (status >= 400 || mustRefuse))
                    {
                        findings.Add($"{label}: answered {status} and stored it in {string.Join(", ", written)}");
                    }
                }
            }
        }

        output.WriteLine($"Hostile form suite ({app.Provider}): {sent} requests; {pageCount} pages, {formCount} forms; {findings.Count} findings.");
        foreach (var f in findings)
        {
            output.WriteLine(f);
        }
        Assert.True(formCount >= 15, $"expected the forms of the staff pages and the portal, found {formCount}");
        Assert.True(findings.Count == 0, $"{findings.Count} of {sent} hostile requests broke a rule:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    /// <summary>The garbled posts of a form; "must refuse" ones carry a value no field may accept.</summary>
    private static IEnumerable<(string What, List<KeyValuePair<string, string>> Fields, bool MustRefuse)> Variants(Form form)
    {
        List<KeyValuePair<string, string>> With(Field target, string value) =>
            [.. form.Fields.Select(f => new KeyValuePair<string, string>(f.Name, f == target ? value : f.Value))];

        yield return ("nothing but the token", [], false);
        if (form.Fields.Any(f => f.Name.Contains('[', StringComparison.Ordinal)))
        {
            yield return ("rows left out", [.. form.Fields.Where(f => !f.Name.Contains('[', StringComparison.Ordinal)).Select(f => new KeyValuePair<string, string>(f.Name, f.Value))], false);
        }
        var selects = form.Fields.Where(f => f.Type == "select").ToList();
        var numbers = form.Fields.Where(f => f.Type == "number").ToList();
        var dates = form.Fields.Where(f => f.Type is "date" or "datetime-local").ToList();
        var texts = form.Fields.Where(f => f.Type is "text" or "textarea" or "email" or "tel" or "search").ToList();
        var rounds = new[] { selects.Count, numbers.Count, dates.Count, texts.Count }.Max();
        for (var i = 0; i < rounds; i++)
        {
            if (i < selects.Count)
            {
                yield return ($"{selects[i].Name}=999 (no such choice)", With(selects[i], "999"), true);
            }
            if (i < numbers.Count)
            {
                yield return ($"{numbers[i].Name}=2147483648", With(numbers[i], "2147483648"), true);
                yield return ($"{numbers[i].Name}=99999999", With(numbers[i], "99999999"), true);
                yield return ($"{numbers[i].Name}=-99999999", With(numbers[i], "-99999999"), true);
            }
            if (i < dates.Count)
            {
                yield return ($"{dates[i].Name}=0001-01-01", With(dates[i], dates[i].Type == "date" ? "0001-01-01" : "0001-01-01T00:00"), true);
                yield return ($"{dates[i].Name}=9999-12-31", With(dates[i], dates[i].Type == "date" ? "9999-12-31" : "9999-12-31T23:59"), true);
            }
            if (i < texts.Count)
            {
                yield return ($"{texts[i].Name}=<{HostileRequests.HugeLength} chars>", With(texts[i], new string('x', HostileRequests.HugeLength)), true);
                if (i == 0)
                {
                    yield return ($"{texts[i].Name}=control characters", With(texts[i], "a\u0000b\u0007c"), false);
                }
            }
        }
    }

    private static IEnumerable<Form> ReadForms(string page, string html)
    {
        foreach (Match f in FormElement().Matches(html))
        {
            var attributes = f.Groups[1].Value;
            var inner = f.Groups[2].Value;
            if (!Attr(attributes, "method").Equals("post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var action = WebUtility.HtmlDecode(Attr(attributes, "action"));
            action = string.IsNullOrEmpty(action) ? page : action;
            if (Skip().IsMatch(action) || !action.StartsWith('/'))
            {
                continue;
            }
            var fields = new List<Field>();
            string handler = "", token = "";
            foreach (Match input in Element().Matches(inner))
            {
                var tag = input.Groups[1].Value.ToLowerInvariant();
                var a = input.Groups[2].Value;
                var name = WebUtility.HtmlDecode(Attr(a, "name"));
                if (name.Length == 0)
                {
                    continue;
                }
                switch (tag)
                {
                    case "input":
                        var type = Attr(a, "type") is { Length: > 0 } t ? t.ToLowerInvariant() : "text";
                        var value = WebUtility.HtmlDecode(Attr(a, "value"));
                        if (name == "_handler")
                        {
                            handler = value;
                        }
                        else if (name == "__RequestVerificationToken")
                        {
                            token = value;
                        }
                        else if (type is "submit" or "button" or "image" or "file")
                        {
                        }
                        else if (type is not ("checkbox" or "radio") || Regex.IsMatch(a, @"\bchecked\b"))
                        {
                            fields.Add(new(name, type, value, []));
                        }
                        break;
                    case "select":
                        var options = OptionValue().Matches(input.Groups[3].Value).Select(o => WebUtility.HtmlDecode(o.Groups[2].Value)).ToArray();
                        var selected = OptionValue().Matches(input.Groups[3].Value).FirstOrDefault(o => o.Groups[1].Value.Contains("selected", StringComparison.Ordinal));
                        fields.Add(new(name, "select", selected is null ? options.FirstOrDefault() ?? "" : WebUtility.HtmlDecode(selected.Groups[2].Value), options));
                        break;
                    case "textarea":
                        fields.Add(new(name, "textarea", WebUtility.HtmlDecode(input.Groups[3].Value), []));
                        break;
                }
            }
            // A form with named buttons (save, submit, add a row) is posted as if its saving button was pressed.
            var buttons = Button().Matches(inner).Select(b => (Name: WebUtility.HtmlDecode(Attr(b.Groups[1].Value, "name")), Value: WebUtility.HtmlDecode(Attr(b.Groups[1].Value, "value"))))
                .Where(b => b.Name.Length > 0).ToList();
            if (buttons.Count > 0)
            {
                var press = buttons.FirstOrDefault(b => b.Value == "save", buttons.FirstOrDefault(b => b.Value == "submit", buttons[0]));
                fields.Add(new(press.Name, "button", press.Value, []));
            }
            if (handler.Length > 0 && token.Length > 0)
            {
                yield return new Form(page, action, handler, token, fields);
            }
        }
    }

    private static string Attr(string attributes, string name) =>
        Regex.Match(attributes, $@"\b{name}=""([^""]*)""", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : "";

    /// <summary>One page per route shape: ids and numbers replaced.</summary>
    private static string Shape(string url) => Number().Replace(Guid().Replace(url.Split('?')[0], "{guid}"), "{n}");

    [GeneratedRegex(@"href=""([^""#]*)""")]
    private static partial Regex Link();

    [GeneratedRegex(@"sign-?out|log-?out|\.(css|js|ics|pdf|png|svg|ico|json)(\?|$)|^/api/|^/_|/calendar/|/learn", RegexOptions.IgnoreCase)]
    private static partial Regex Skip();

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<(input)\b([^>]*)>()|<(?<1>select|textarea)\b(?<2>[^>]*)>(?<3>.*?)</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Element();

    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Button();

    [GeneratedRegex(@"<option\b([^>]*?)value=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex OptionValue();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
