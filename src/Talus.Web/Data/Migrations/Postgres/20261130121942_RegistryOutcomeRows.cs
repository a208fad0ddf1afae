using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RegistryOutcomeRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeRows",
                columns: table => new
                {
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Visit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitCompleted = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    OperatorId = table.Column<int>(type: "integer", nullable: false),
                    Lot = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    NrsBaseline = table.Column<double>(type: "double precision", nullable: true),
                    NrsFollowUp = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeRows", x => new { x.ProcedureId, x.Visit });
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRows_PatientId",
                table: "OutcomeRows",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRows_Slices",
                table: "OutcomeRows",
                columns: new[] { "Visit", "Band", "Product", "Source", "LocationId", "OperatorId", "Lot", "WindowEnd", "VisitCompleted", "Status", "NrsBaseline", "NrsFollowUp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeRows");
        }
    }
}
