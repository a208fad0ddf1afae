using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
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
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Visit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    VisitCompleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Band = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Product = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Lot = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    NrsBaseline = table.Column<double>(type: "REAL", nullable: true),
                    NrsFollowUp = table.Column<double>(type: "REAL", nullable: true)
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
