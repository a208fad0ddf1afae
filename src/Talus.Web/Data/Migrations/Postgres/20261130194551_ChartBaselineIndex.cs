using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChartBaselineIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_PatientId_Context_Status_Instrument_~",
                table: "QuestionnaireResponses",
                columns: new[] { "PatientId", "Context", "Status", "Instrument", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuestionnaireResponses_PatientId_Context_Status_Instrument_~",
                table: "QuestionnaireResponses");
        }
    }
}
