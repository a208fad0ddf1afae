using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SurgeriesAndCandidacyBand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Band",
                table: "CandidacyAssessments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            // The band was only inside the stored result until now; copy it out for the registry (decision 0009).
            migrationBuilder.Sql("UPDATE \"CandidacyAssessments\" SET \"Band\" = json_extract(\"ResultJson\", '$.band') WHERE json_valid(\"ResultJson\");");

            migrationBuilder.CreateTable(
                name: "Surgeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Surgeries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyAssessments_PatientId_Joint_Side_AssessedOn",
                table: "CandidacyAssessments",
                columns: new[] { "PatientId", "Joint", "Side", "AssessedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Surgeries_PatientId_Joint_Side_PerformedOn",
                table: "Surgeries",
                columns: new[] { "PatientId", "Joint", "Side", "PerformedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Surgeries");

            migrationBuilder.DropIndex(
                name: "IX_CandidacyAssessments_PatientId_Joint_Side_AssessedOn",
                table: "CandidacyAssessments");

            migrationBuilder.DropColumn(
                name: "Band",
                table: "CandidacyAssessments");
        }
    }
}
