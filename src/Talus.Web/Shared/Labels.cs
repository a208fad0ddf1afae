using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using Talus.Clinical;
using Talus.Clinical.Instruments;
using Talus.Web.Data;
using Talus.Web.Features.Plan;

namespace Talus.Web.Shared;

/// <summary>
/// The one place staff pages get the words for a coded value: <c>Labels.Of(value)</c>. A value named in the table
/// below (or carrying [Display(Name = ...)]) shows that name; any other value shows its name split into words
/// ("NoShow" → "No show"), so no page prints an enum name. Patient-facing words come from Resources/PatientText.resx.
/// </summary>
public static class Labels
{
    private static readonly Dictionary<Enum, string> Named = new()
    {
        [InjectionProduct.PlateletRichPlasma] = "Platelet-rich plasma (PRP)",
        [InjectionProduct.BoneMarrowAspirate] = "Bone-marrow aspirate, unconcentrated",
        [InjectionProduct.BoneMarrowAspirateConcentrate] = "Bone-marrow aspirate concentrate (BMAC)",
        [InjectionProduct.MicrofragmentedAdipose] = "Micro-fragmented adipose tissue",
        [InjectionProduct.StromalVascularFraction] = "Stromal vascular fraction (SVF)",
        [InjectionProduct.CultureExpandedMsc] = "Culture-expanded MSC",
        [InjectionProduct.AllogeneicPerinatal] = "Allogeneic umbilical cord / perinatal product",
        [InjectionProduct.Corticosteroid] = "Corticosteroid",
        [InjectionProduct.HyaluronicAcid] = "Hyaluronic acid",
        [NonInjectionOption.PhysicalTherapy] = "Physical therapy",
        [NonInjectionOption.CustomOrthotics] = "Custom orthotics",
        [NonInjectionOption.Bracing] = "Bracing",
        [NonInjectionOption.ActivityModification] = "Activity modification",
        [NonInjectionOption.WeightLoss] = "Weight loss",
        [NonInjectionOption.OralOrTopicalNsaids] = "Oral or topical NSAIDs",
        [NonInjectionOption.Surgery] = "Surgery referral",
        [NonInjectionOption.NoTreatment] = "No treatment for now",
        [Joint.FirstMtp] = "1st MTP",
        [Joint.Midfoot] = "Midfoot (TMT/NC)",
        [PriorTreatmentKind.NsaidsOrAnalgesics] = "NSAIDs or analgesics",
        [PriorTreatmentKind.PrpInjection] = "PRP injection",
        [MedicationClass.Nsaid] = "NSAID",
        [AuditAction.SignIn] = "Sign-in",
        [AuditAction.SignInFailed] = "Failed sign-in",
        [AuditAction.SignOut] = "Sign-out",
        [EquipmentKind.XRay] = "X-ray",
        // The questionnaires as staff abbreviate them (SPEC §3); the portal's names are in PatientText.resx (Q_Name_*).
        [InstrumentId.Faos] = "FAOS",
        [InstrumentId.FaamAdl] = "FAAM ADL",
        [InstrumentId.FaamSports] = "FAAM Sports",
        [InstrumentId.Moxfq] = "MOXFQ",
        [InstrumentId.NrsPain] = "NRS pain",
        [InstrumentId.VasPain] = "VAS pain",
        [InstrumentId.PromisPhysicalFunction] = "PROMIS physical function",
        [InstrumentId.Sane] = "SANE",
        [InstrumentId.AofasAnkleHindfoot] = "AOFAS ankle-hindfoot",
    };

    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    /// <summary>The words for a coded value, e.g. <c>InjectionProduct.PlateletRichPlasma</c> → "Platelet-rich plasma (PRP)".</summary>
    public static string Of(Enum value) => Cache.GetOrAdd(value, v =>
        Named.TryGetValue(v, out var named) ? named
        : v.GetType().GetField(v.ToString())?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? Words(v.ToString()));

    /// <summary>The words for an optional value; "—" when there is none.</summary>
    public static string Of<T>(T? value, string none = "—") where T : struct, Enum => value is { } v ? Of(v) : none;

    /// <summary>A PascalCase name as words: "CorticosteroidInjection" → "Corticosteroid injection", "MRIScan" → "MRI scan".</summary>
    public static string Words(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsLetter(name[0]))
        {
            return name;
        }
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (c == '_' || boundary)
            {
                if (current.Length > 0) { words.Add(current.ToString()); current.Clear(); }
                if (c == '_') { continue; }
            }
            current.Append(c);
        }
        if (current.Length > 0) { words.Add(current.ToString()); }
        for (var i = 1; i < words.Count; i++)
        {
            // Acronyms ("MRI", "PRP") keep their capitals; ordinary words read in lower case.
            if (!words[i].All(char.IsUpper) || words[i].Length == 1)
            {
                words[i] = words[i].ToLower(CultureInfo.InvariantCulture);
            }
        }
        return string.Join(' ', words);
    }
}
