using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlanConsentProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConsentPackets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanVersion = table.Column<int>(type: "integer", nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IndNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    DecisionAidRecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecisionAidContentVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    EstimateId = table.Column<Guid>(type: "uuid", nullable: true),
                    EstimateVersion = table.Column<int>(type: "integer", nullable: true),
                    Flag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CaliforniaNotice = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ResearchConsent = table.Column<bool>(type: "boolean", nullable: false),
                    SectionsJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreparedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PreparedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupersededReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Concurrency = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentPackets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SectionsJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ActivatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Procedures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanVersion = table.Column<int>(type: "integer", nullable: false),
                    ConsentPacketId = table.Column<Guid>(type: "uuid", nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    OperatorId = table.Column<int>(type: "integer", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HarvestSite = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProcessingSystem = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ProcessingSettings = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    HarvestVolumeMl = table.Column<decimal>(type: "numeric(7,1)", precision: 7, scale: 1, nullable: true),
                    InjectateVolumeMl = table.Column<decimal>(type: "numeric(7,1)", precision: 7, scale: 1, nullable: false),
                    NucleatedCellsMillions = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    PlateletCountThousandsPerMicroliter = table.Column<decimal>(type: "numeric(10,1)", precision: 10, scale: 1, nullable: true),
                    ImageGuidance = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Anesthesia = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: true),
                    ExternalLot = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ExternalDonorId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ExternalExpiry = table.Column<DateOnly>(type: "date", nullable: true),
                    Complications = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Flag = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IndNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ClassificationJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AfterCareJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Procedures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Procedures_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Procedures_Staff_OperatorId",
                        column: x => x.OperatorId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignedConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsentPacketId = table.Column<Guid>(type: "uuid", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SignedName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    InitialsJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SignatureStrokesJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Via = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AssistedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Html = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    HtmlSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PdfSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedConsents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IndNumber = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Alternative = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PlannedInjections = table.Column<int>(type: "integer", nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PhysicalTherapy = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Orthotics = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ActivityChanges = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WeightManagement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecisionAidRecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    DecisionAidContentVersion = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CandidacyAssessmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    CandidacyVerdict = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AdverseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Severity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OnsetOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RelatedToProcedure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdverseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdverseEvents_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_PatientId",
                table: "AdverseEvents",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_ProcedureId",
                table: "AdverseEvents",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentPackets_PatientId_PreparedAt",
                table: "ConsentPackets",
                columns: new[] { "PatientId", "PreparedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentPackets_PlanId",
                table: "ConsentPackets",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplates_Version",
                table: "ConsentTemplates",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_LocationId",
                table: "Procedures",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_OperatorId",
                table: "Procedures",
                column: "OperatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_PatientId_PerformedOn",
                table: "Procedures",
                columns: new[] { "PatientId", "PerformedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SignedConsents_ConsentPacketId",
                table: "SignedConsents",
                column: "ConsentPacketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignedConsents_PatientId",
                table: "SignedConsents",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPlans_PatientId_Joint_Side_Version",
                table: "TreatmentPlans",
                columns: new[] { "PatientId", "Joint", "Side", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdverseEvents");

            migrationBuilder.DropTable(
                name: "ConsentPackets");

            migrationBuilder.DropTable(
                name: "ConsentTemplates");

            migrationBuilder.DropTable(
                name: "SignedConsents");

            migrationBuilder.DropTable(
                name: "TreatmentPlans");

            migrationBuilder.DropTable(
                name: "Procedures");
        }
    }
}
