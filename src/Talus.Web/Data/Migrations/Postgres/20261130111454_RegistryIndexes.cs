using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegistryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScoreRows_ProcedureId_Visit",
                table: "ScoreRows");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_Baseline",
                table: "ScoreRows",
                columns: new[] { "PatientId", "Instrument", "Subscale", "CompletedOn", "SubmittedAt", "Score", "Joint", "Side" },
                filter: "\"FollowUpVisitId\" IS NULL AND \"Visit\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_ProcedureId_Visit_Instrument_Subscale_Score_Compl~",
                table: "ScoreRows",
                columns: new[] { "ProcedureId", "Visit", "Instrument", "Subscale", "Score", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpVisits_Visit_WindowEnd_Status_ProcedureId",
                table: "FollowUpVisits",
                columns: new[] { "Visit", "WindowEnd", "Status", "ProcedureId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScoreRows_Baseline",
                table: "ScoreRows");

            migrationBuilder.DropIndex(
                name: "IX_ScoreRows_ProcedureId_Visit_Instrument_Subscale_Score_Compl~",
                table: "ScoreRows");

            migrationBuilder.DropIndex(
                name: "IX_FollowUpVisits_Visit_WindowEnd_Status_ProcedureId",
                table: "FollowUpVisits");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreRows_ProcedureId_Visit",
                table: "ScoreRows",
                columns: new[] { "ProcedureId", "Visit" });
        }
    }
}
