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

    /// <summary>
    /// The same sections in plain Spanish (short sentences, the words a patient uses), for patients who prefer Spanish
    /// (SPEC §9.1 IC-17; Cal. H&amp;S §24172: the Bill of Rights in a language the subject is fluent in). IC-03 stays the
    /// English §684 text word for word (the statute says "in English", SPEC §6.4); the page and the PDF add a Spanish
    /// explanation beside it. Counsel reviews the wording like the English.
    /// </summary>
    public static IReadOnlyList<ConsentSectionText> Spanish { get; } =
    [
        S("IC-01", "Qué se le va a inyectar", "El producto es {product} ({source}). Se prepara el mismo día si hace falta. Se inyecta en: {joint}. Anotamos cómo se preparó. También anotamos el número de células si lo medimos."),
        S("IC-02", "Lo que dice la FDA", "La FDA no ha aprobado ningún producto de células madre ni regenerativo para la artrosis. La FDA no ha revisado si este tratamiento es seguro. Tampoco ha revisado si funciona."),
        S("IC-03", "Aviso de California (la ley pide darlo en inglés)", ProductClassification.CaliforniaNoticeText),
        S("IC-04", "Qué pasa el día del tratamiento", "A veces se toman células de su cuerpo. Suele ser de la parte de atrás del hueso de la cadera o de la grasa de la panza. Primero se duerme la zona con anestesia local. Luego una aguja saca el tejido. La muestra se prepara en la clínica. Después se inyecta en la articulación. Usamos ultrasonido o rayos X para guiar la aguja. La visita dura más o menos una hora."),
        S("IC-05", "Lo que muestran los estudios", "Hay pocos estudios y no todos dicen lo mismo. Un estudio de PRP en el tobillo no encontró más beneficio que una inyección de agua con sal. El estudio más grande en la rodilla no encontró que las células fueran mejores que un esteroide al año. Puede que el beneficio sea pequeño. Puede que dure poco. Puede que no haya beneficio."),
        S("IC-06", "Riesgos y molestias", "Es común tener dolor e hinchazón unos días. Hay riesgos raros. La articulación se puede infectar. Puede haber sangrado o moretones. Puede doler o dañarse un nervio donde se saca el tejido. Se puede desmayar. Puede reaccionar a la anestesia. Puede que no mejore y necesite otro tratamiento. Los productos de donante tienen más riesgos. Pueden pasar una enfermedad. El cuerpo puede reaccionar contra ellos. Se pueden contaminar. Las células cultivadas en laboratorio podrían crecer mal. La FDA ha recibido reportes de ceguera, tumores e infecciones después de productos no aprobados."),
        S("IC-07", "Posibles beneficios", "No podemos prometer ningún beneficio. Su médico le mostró la probabilidad de mejorar para personas como usted. Se la mostró como un rango, con lo que no se sabe."),
        S("IC-08", "Otras opciones", "Hay otras opciones. Terapia física y ejercicio. Plantillas a su medida. Un soporte. Hacer menos de lo que le duele. Bajar de peso. Pastillas para el dolor y la hinchazón. Una inyección de esteroide o de gel (ácido hialurónico). PRP. Una operación: limpiar la articulación, corregir el hueso, unir los huesos o poner una articulación nueva. O no hacer nada. Cada opción tiene sus pros y sus riesgos. Ya hablamos de ellos."),
        S("IC-09", "Costos", "Usted paga este tratamiento. El seguro casi siempre lo niega porque es experimental. Su presupuesto dice qué se devuelve y qué no. También dice cuánto costaría repetir la inyección."),
        S("IC-10", "Repetir la inyección y las visitas de control", "Algunas personas necesitan otra inyección meses después. Le pediremos que vuelva en ciertas fechas. También le pediremos que llene cuestionarios cortos. Así vemos cómo va."),
        S("IC-11", "Antes y después del tratamiento", "Deje de tomar analgésicos para la inflamación 7 días antes. No los tome por 14 días después. Las inyecciones de esteroide necesitan más tiempo de espera. No corra, no salte y no haga deportes de impacto por 6 semanas. Le daremos un plan de cuidados con fechas."),
        S("IC-12", "Si algo sale mal", "Si hay una complicación, la trataremos o lo enviaremos a la atención correcta. Nos puede llamar a toda hora. El número está en su plan de cuidados."),
        S("IC-13", "Su derecho a preguntar y a decir que no", "Puede hacer preguntas cuando quiera. Puede decir que no o cambiar de opinión cuando quiera. Esto no cambiará el resto de su atención."),
        S("IC-14", "Uso de su información", "Sus resultados se guardan en el registro de resultados de la clínica. Se pueden usar para investigación sin su nombre. Con su nombre, solo si usted da permiso por escrito aparte."),
        S("IC-15", "Intereses económicos", "La clínica es dueña del equipo que prepara la inyección. La clínica cobra por el tratamiento. Si su médico tiene otro interés económico, se lo diremos por escrito."),
        S("IC-16", "Su copia y su libre decisión", "Recibirá una copia firmada y con fecha de este formulario. Usted decide libremente. Nadie lo obliga, engaña ni presiona."),
        S("IC-17", "Idioma", "Este consentimiento está en un idioma que usted lee bien. Si usó un intérprete, anotamos su nombre."),
        S("RS-01", "Esto es investigación", "Este tratamiento es parte de un estudio de investigación. El estudio tiene un permiso de la FDA para un medicamento en estudio. Esta parte explica para qué es el estudio. Dice cuánto tiempo participa. Dice qué se hace y qué partes son experimentales."),
        S("RS-02", "Riesgos del estudio", "El estudio puede tener riesgos que aún no se conocen. Son además de los riesgos de arriba."),
        S("RS-03", "Beneficios del estudio", "Puede que usted no se beneficie. Lo que se aprenda puede ayudar a otras personas."),
        S("RS-04", "Otras opciones en vez del estudio", "Puede elegir las otras opciones de arriba en vez de participar."),
        S("RS-05", "Privacidad", "Sus registros se guardan en privado. La FDA y el comité que revisa el estudio pueden verlos."),
        S("RS-06", "Lesiones", "Si la investigación le causa una lesión, hay tratamiento médico. Esta parte explica quién lo paga."),
        S("RS-07", "A quién llamar", "Le diremos a quién llamar si tiene preguntas sobre el estudio, sus derechos o una lesión."),
        S("RS-08", "Es su decisión", "Participar es su decisión. Puede dejar el estudio cuando quiera. No perderá nada ni su atención."),
        // 21 CFR 50.25(c) gives this statement in English only; a careful plain translation, not an official text.
        S("RS-09", "ClinicalTrials.gov", "Habrá una descripción de este estudio en http://www.ClinicalTrials.gov, como pide la ley de Estados Unidos. Esa página no tendrá datos que lo identifiquen."),
        S("CA-BOR", "Derechos de la persona en un experimento (California)", "Usted tiene derecho a: (1) saber de qué se trata el experimento y para qué es; (2) saber qué se hará y qué medicamento o aparato se usará; (3) saber las molestias y los riesgos; (4) saber los beneficios que puede esperar; (5) saber qué otras opciones le podrían ayudar, con sus riesgos y beneficios; (6) saber qué tratamiento hay si surge un problema; (7) hacer preguntas sobre el experimento; (8) retirar su permiso cuando quiera, sin perjuicio; (9) recibir una copia firmada y con fecha de este formulario; (10) decidir libremente, sin fuerza, engaño ni presión. Confirmo que recibí esta lista de derechos."),
        S("AL-01", "Producto de donante", "El fabricante revisó si el donante era apto. Anotamos el lote del producto. Le avisaremos si el producto se retira del mercado."),
    ];

    /// <summary>The seeded text of a language: Spanish for "es", else English.</summary>
    public static IReadOnlyList<ConsentSectionText> For(string language) => language == "es" ? Spanish : Default;

    private static ConsentSectionText S(string id, string title, string text) => new(id, title, text, KindOf(id));
}
