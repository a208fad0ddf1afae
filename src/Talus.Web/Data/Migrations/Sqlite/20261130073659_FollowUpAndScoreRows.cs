using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpAndScoreRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FollowUpVisitId",
                table: "QuestionnaireResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUpVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Visit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IndexDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WindowStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Questionnaires = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ImagingDue = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LostReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LostNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LostAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LostRecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    InvitedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindersSent = table.Column<int>(type: "INTEGER", nullable: false),
                    LastReminderAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CallAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastCallAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastCallNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpVisits_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScoreRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subscale = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FollowUpVisitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Visit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DaysFromIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    InWindow = table.Column<bool>(type: "INTEGER", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreRows_QuestionnaireResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "QuestionnaireResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_FollowUpVisitId",
                table: "QuestionnaireResponses",
                column: "FollowUpVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_LocationId_Visit_Status",
                table: "FollowUpVisits",
                columns: new[] { "LocationId", "Visit", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_PatientId_Joint_Side",
                table: "FollowUpVisits",
                columns: new[] { "PatientId", "Joint", "Side" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_ProcedureId_Visit",
                table: "FollowUpVisits",
                columns: new[] { "ProcedureId", "Visit" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_Status_WindowEnd",
                table: "FollowUpVisits",
                columns: new[] { "Status", "WindowEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_FollowUpVisitId",
                table: "ScoreRows",
                column: "FollowUpVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_Instrument_Subscale_Visit",
                table: "ScoreRows",
                columns: new[] { "Instrument", "Subscale", "Visit" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_PatientId_Joint_Side_Instrument_Subscale_CompletedOn",
                table: "ScoreRows",
                columns: new[] { "PatientId", "Joint", "Side", "Instrument", "Subscale", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_ProcedureId_Visit",
                table: "ScoreRows",
                columns: new[] { "ProcedureId", "Visit" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_ResponseId_Subscale",
                table: "ScoreRows",
                columns: new[] { "ResponseId", "Subscale" },
                unique: true);

            // Backfill: one score row per subscale of every submitted response, from its JSON scores (invalid = null
            // scores are not rows). The index procedure is the latest one in the same joint and side on or before the
            // answer; follow-up visits did not exist before this migration, so none is linked.
            migrationBuilder.Sql("""
                INSERT INTO "ScoreRows" ("Id", "ResponseId", "PatientId", "Instrument", "Subscale", "Score", "Joint", "Side", "FollowUpVisitId", "Visit", "ProcedureId", "DaysFromIndex", "InWindow", "CompletedOn", "SubmittedAt")
                SELECT upper(substr(x.h, 1, 8) || '-' || substr(x.h, 9, 4) || '-' || substr(x.h, 13, 4) || '-' || substr(x.h, 17, 4) || '-' || substr(x.h, 21, 12)),
                       x."Id", x."PatientId", x."Instrument", x.key, x.value, x."Joint", x."Side", NULL, NULL,
                       x.procedureId, CAST(julianday(x.completedOn) - julianday(x.performedOn) AS INTEGER), NULL, x.completedOn, x."UpdatedAt"
                FROM (
                    SELECT hex(randomblob(16)) AS h, q."Id", q."PatientId", q."Instrument", j.key, j.value, q."Joint", q."Side", q."UpdatedAt",
                           COALESCE(q."CompletedOn", date(q."UpdatedAt")) AS completedOn,
                           (SELECT p."Id" FROM "Procedures" p WHERE p."PatientId" = q."PatientId" AND p."Joint" = q."Joint" AND p."Side" = q."Side"
                                AND p."PerformedOn" <= COALESCE(q."CompletedOn", date(q."UpdatedAt")) ORDER BY p."PerformedOn" DESC LIMIT 1) AS procedureId,
                           (SELECT p."PerformedOn" FROM "Procedures" p WHERE p."PatientId" = q."PatientId" AND p."Joint" = q."Joint" AND p."Side" = q."Side"
                                AND p."PerformedOn" <= COALESCE(q."CompletedOn", date(q."UpdatedAt")) ORDER BY p."PerformedOn" DESC LIMIT 1) AS performedOn
                    FROM "QuestionnaireResponses" q, json_each(q."ScoresJson") j
                    WHERE q."Status" = 'Submitted' AND j.type IN ('integer', 'real')
                ) x;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpVisits");

            migrationBuilder.DropTable(
                name: "ScoreRows");

            migrationBuilder.DropIndex(
                name: "IX_QuestionnaireResponses_FollowUpVisitId",
                table: "QuestionnaireResponses");

            migrationBuilder.DropColumn(
                name: "FollowUpVisitId",
                table: "QuestionnaireResponses");
        }
    }
}
