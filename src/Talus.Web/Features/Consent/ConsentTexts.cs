using Talus.Clinical;

namespace Talus.Web.Features.Consent;

/// <summary>
/// The practice's starting consent text: the SPEC §9.1 disclosure checklist (IC-01…IC-17, each initialled), the
/// California §684 notice verbatim (IC-03), the §9.2 research elements (21 CFR 50.25; Cal. H&amp;S §24172 Experimental
/// Subject's Bill of Rights) and the allogeneic elements. {product}, {source}, {joint} and {side} are filled in when a
/// packet is prepared. Counsel reviews the wording; Admin keeps it as template versions.
/// </summary>
public static class ConsentTexts
{
    /// <summary>The checklist items every template must contain (SPEC §9.1).</summary>
    public static readonly string[] RequiredIds = [.. Enumerable.Range(1, 17).Select(i => $"IC-{i:00}")];

    /// <summary>The research elements every template must contain, for RESEARCH_ONLY products (SPEC §9.2).</summary>
    public static readonly string[] RequiredResearchIds = ["RS-01", "RS-02", "RS-03", "RS-04", "RS-05", "RS-06", "RS-07", "RS-08", "RS-09", "CA-BOR"];

    public const string CaliforniaNoticeId = "IC-03";

    /// <summary>Section kind from its id: IC-03 is the §684 notice, RS-/CA-BOR research, AL- allogeneic.</summary>
    public static SectionKind KindOf(string id) =>
        id == CaliforniaNoticeId ? SectionKind.CaliforniaNotice
        : id.StartsWith("RS-", StringComparison.Ordinal) || id == "CA-BOR" ? SectionKind.Research
        : id.StartsWith("AL-", StringComparison.Ordinal) ? SectionKind.Allogeneic
        : SectionKind.Core;

    public static IReadOnlyList<ConsentSectionText> Default { get; } =
    [
        S("IC-01", "What will be injected", "The product is {product} ({source}). It is prepared on the day where needed and injected into your {side} {joint}. We will record the processing method and any cell count we measure."),
        S("IC-02", "FDA status in plain words", "No stem-cell or regenerative product is FDA-approved to treat osteoarthritis. This procedure has not been reviewed by the FDA for safety or effectiveness."),
        S("IC-03", "California notice", ProductClassification.CaliforniaNoticeText),
        S("IC-04", "What happens on the day", "If cells are taken from you, the area (usually the back of the hip bone, or belly fat) is numbed with local anesthetic and a needle draws the tissue. The sample is prepared in the clinic and injected into the joint with ultrasound or X-ray guidance. The visit takes about an hour."),
        S("IC-05", "What the evidence shows", "The evidence is limited and mixed. A trial of PRP in the ankle found no benefit over a salt-water injection. The largest knee trial found no cell product better than a steroid injection at 12 months. Any benefit may be small, temporary or absent."),
        S("IC-06", "Risks and discomforts", "Pain and swelling for a few days (a flare) are common. Rare risks: joint infection, bleeding or bruising, pain or nerve injury where tissue is taken, fainting, reaction to the numbing medicine, and no improvement so that other treatment is needed. Donor products add risks of disease transmission, immune reaction and contamination; lab-grown cells carry a theoretical risk of abnormal growth. The FDA has received reports of blindness, tumors and infections after unapproved products."),
        S("IC-07", "Possible benefits", "We cannot promise any benefit. Your clinician has shown you the chance of a meaningful improvement for people like you, as a range with its uncertainty (the decision aid)."),
        S("IC-08", "Other choices", "Other choices include physical therapy and exercise, custom orthotics, bracing, activity changes, weight loss, anti-inflammatory medicines, a steroid or hyaluronic acid injection, PRP, surgery (such as cleaning out the joint, realignment, fusion or joint replacement), or no treatment. Each has its own benefits and risks, which we discussed."),
        S("IC-09", "Costs", "You pay for this treatment yourself; insurance usually denies it as experimental. Your estimate lists what is and is not refundable and what repeat injections would cost."),
        S("IC-10", "Repeat injections and follow-up", "Some people need a repeat injection months later. We will ask you to come back and fill in short questionnaires at set times so we can see how you are doing."),
        S("IC-11", "Before and after the procedure", "Stop anti-inflammatory painkillers 7 days before and for 14 days after. Steroid injections need a longer gap. Avoid running, jumping and impact sport for 6 weeks. You will get a dated after-care plan."),
        S("IC-12", "If something goes wrong", "If a complication happens we will treat it or refer you to the right care. You can reach us 24 hours a day at the number on your after-care plan."),
        S("IC-13", "Your right to ask and to say no", "You may ask questions at any time. You may refuse or change your mind at any time, and this will not affect your other care."),
        S("IC-14", "Use of your information", "Your results go into the practice's outcomes registry. They may be used for research only without your name, or with your separate written permission."),
        S("IC-15", "Financial interests", "The practice owns the equipment used to prepare the injection and is paid for the procedure. Any other financial interest of your clinician is disclosed to you in writing."),
        S("IC-16", "Your copy and free choice", "You will receive a signed and dated copy of this form. You are deciding freely, without force, fraud, deceit, pressure or undue influence."),
        S("IC-17", "Language", "This consent is in a language you read well. If you needed an interpreter, the interpreter's name is recorded."),
        S("RS-01", "This is research", "This treatment is part of a research study under an FDA Investigational New Drug application. This section explains its purpose, how long you take part, what is done and which parts are experimental."),
        S("RS-02", "Research risks", "The study may have risks that are not known yet, in addition to those listed above."),
        S("RS-03", "Research benefits", "You may not benefit from taking part. What is learned may help others."),
        S("RS-04", "Alternatives to the study", "You can have the other choices listed above instead of taking part."),
        S("RS-05", "Confidentiality", "Your records are kept confidential. The FDA and the study's review board may inspect them."),
        S("RS-06", "Injury", "If you are injured by the research, medical treatment is available; this section explains who pays for it."),
        S("RS-07", "Contacts", "You will be given whom to call with questions about the study, your rights, or an injury."),
        S("RS-08", "Voluntary", "Taking part is voluntary. You may stop at any time without penalty or loss of care."),
        S("RS-09", "ClinicalTrials.gov", "A description of this clinical trial will be available on http://www.ClinicalTrials.gov, as required by U.S. law. This web site will not include information that can identify you."),
        S("CA-BOR", "Experimental Subject's Bill of Rights (California)", "You have the right to: (1) be told the nature and purpose of the experiment; (2) be told the procedures and any drug or device used; (3) be told the discomforts and risks; (4) be told any benefits you can expect; (5) be told other procedures, drugs or devices that might help you and their risks and benefits; (6) be told what medical treatment is available if complications arise; (7) ask any questions about the experiment; (8) withdraw your consent at any time without prejudice; (9) receive a copy of the signed and dated consent form; (10) decide freely, without force, fraud, deceit, duress, coercion or undue influence. I acknowledge that I received this Bill of Rights."),
        S("AL-01", "Donor product", "The donor's eligibility was determined by the manufacturer. The product lot is recorded, and you will be contacted if the product is recalled."),
    ];

    private static ConsentSectionText S(string id, string title, string text) => new(id, title, text, KindOf(id));
}
