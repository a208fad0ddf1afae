using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClinicalRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CandidacyAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RulesVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    InputJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    ResultJson = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    Verdict = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EarliestEligibleDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AssessedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OverrideVerdict = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OverrideReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OverriddenBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    OverriddenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidacyAssessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionAids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContentVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    OptionsJson = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    ChosenOption = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ShownAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ShownBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExaminedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClinicianId = table.Column<int>(type: "integer", nullable: true),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MalalignmentDegrees = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    Alignment = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Instability = table.Column<bool>(type: "boolean", nullable: true),
                    MechanicalSymptoms = table.Column<bool>(type: "boolean", nullable: true),
                    InfectionAtSite = table.Column<bool>(type: "boolean", nullable: true),
                    HemodynamicInstability = table.Column<bool>(type: "boolean", nullable: true),
                    CanGiveInformedConsent = table.Column<bool>(type: "boolean", nullable: true),
                    DorsiflexionDegrees = table.Column<int>(type: "integer", nullable: true),
                    PlantarflexionDegrees = table.Column<int>(type: "integer", nullable: true),
                    PainAtMidRange = table.Column<bool>(type: "boolean", nullable: true),
                    PainNrs = table.Column<int>(type: "integer", nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Staff_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "Staff",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "ImagingStudies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Modality = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Report = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingStudies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Intakes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TargetJoint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TargetSide = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SymptomDurationMonths = table.Column<int>(type: "integer", nullable: true),
                    ConservativeCareMonths = table.Column<int>(type: "integer", nullable: true),
                    PainNrsAverage = table.Column<int>(type: "integer", nullable: true),
                    PainNrsWorst = table.Column<int>(type: "integer", nullable: true),
                    Goals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ActivityLevel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SportsActive = table.Column<bool>(type: "boolean", nullable: true),
                    Smoking = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HeightCm = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    WeightKg = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    Diabetic = table.Column<bool>(type: "boolean", nullable: true),
                    KnownCoagulopathy = table.Column<bool>(type: "boolean", nullable: true),
                    PlateletDysfunction = table.Column<bool>(type: "boolean", nullable: true),
                    InflammatoryArthritis = table.Column<bool>(type: "boolean", nullable: true),
                    ActiveMalignancy = table.Column<bool>(type: "boolean", nullable: true),
                    HematologicOrBoneMalignancy = table.Column<bool>(type: "boolean", nullable: true),
                    MalignancyHistory = table.Column<bool>(type: "boolean", nullable: true),
                    MalignancyLastActiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PregnantOrBreastfeeding = table.Column<bool>(type: "boolean", nullable: true),
                    RecentFeverOrIllnessOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CanCompleteFollowUp = table.Column<bool>(type: "boolean", nullable: true),
                    OtherHistory = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Intakes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LabResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Loinc = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ReferenceLow = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    ReferenceHigh = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    CollectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabResults", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PatientLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Context = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Visit = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AnswersJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ScoresJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ScoringVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImagingGrades",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ImagingStudyId = table.Column<Guid>(type: "uuid", nullable: false),
                    System = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reader = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ReadOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DefinitionVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImagingGrades_ImagingStudies_ImagingStudyId",
                        column: x => x.ImagingStudyId,
                        principalTable: "ImagingStudies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Allergies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    IntakeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Substance = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Reaction = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allergies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Allergies_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Medications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    IntakeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Dose = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Ongoing = table.Column<bool>(type: "boolean", nullable: false),
                    LastDoseOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Medications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Medications_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PriorTreatments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    IntakeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Helped = table.Column<bool>(type: "boolean", nullable: true),
                    Notes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorTreatments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorTreatments_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Allergies_IntakeId",
                table: "Allergies",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_Allergies_PatientId",
                table: "Allergies",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyAssessments_PatientId_At",
                table: "CandidacyAssessments",
                columns: new[] { "PatientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionAids_PatientId_ShownAt",
                table: "DecisionAids",
                columns: new[] { "PatientId", "ShownAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ClinicianId",
                table: "Evaluations",
                column: "ClinicianId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_PatientId_ExaminedOn",
                table: "Evaluations",
                columns: new[] { "PatientId", "ExaminedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ImagingGrades_ImagingStudyId",
                table: "ImagingGrades",
                column: "ImagingStudyId");

            migrationBuilder.CreateIndex(
                name: "IX_ImagingStudies_PatientId_PerformedOn",
                table: "ImagingStudies",
                columns: new[] { "PatientId", "PerformedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_PatientId_StartedAt",
                table: "Intakes",
                columns: new[] { "PatientId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LabResults_PatientId_Loinc_CollectedOn",
                table: "LabResults",
                columns: new[] { "PatientId", "Loinc", "CollectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Medications_IntakeId",
                table: "Medications",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_Medications_PatientId",
                table: "Medications",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientLinks_PatientId",
                table: "PatientLinks",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientLinks_TokenHash",
                table: "PatientLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorTreatments_IntakeId",
                table: "PriorTreatments",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorTreatments_PatientId",
                table: "PriorTreatments",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_PatientId_Instrument_CompletedOn",
                table: "QuestionnaireResponses",
                columns: new[] { "PatientId", "Instrument", "CompletedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Allergies");

            migrationBuilder.DropTable(
                name: "CandidacyAssessments");

            migrationBuilder.DropTable(
                name: "DecisionAids");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "ImagingGrades");

            migrationBuilder.DropTable(
                name: "LabResults");

            migrationBuilder.DropTable(
                name: "Medications");

            migrationBuilder.DropTable(
                name: "PatientLinks");

            migrationBuilder.DropTable(
                name: "PriorTreatments");

            migrationBuilder.DropTable(
                name: "QuestionnaireResponses");

            migrationBuilder.DropTable(
                name: "ImagingStudies");

            migrationBuilder.DropTable(
                name: "Intakes");
        }
    }
}
