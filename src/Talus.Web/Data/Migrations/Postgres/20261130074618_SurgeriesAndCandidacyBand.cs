using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
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
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // The band was only inside the stored result until now; copy it out for the registry (decision 0009).
            migrationBuilder.Sql("UPDATE \"CandidacyAssessments\" SET \"Band\" = (\"ResultJson\"::jsonb ->> 'band');");

            migrationBuilder.CreateTable(
                name: "Surgeries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
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
