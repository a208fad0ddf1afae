using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JointSurvivals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JointSurvivals",
                columns: table => new
                {
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IndexOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    OperatorId = table.Column<int>(type: "integer", nullable: false),
                    Lot = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RepeatOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SurgeryOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastSeenOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointSurvivals", x => new { x.PatientId, x.Joint, x.Side });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_Product_Source_Id",
                table: "Procedures",
                columns: new[] { "Product", "Source", "Id" });

            // The treated joints of the data stored so far (the statement the backfill test checks against the C# rows).
            migrationBuilder.Sql(Talus.Web.Features.Outcomes.JointSurvivals.BackfillSql);

            migrationBuilder.CreateIndex(
                name: "IX_JointSurvivals_Curves",
                table: "JointSurvivals",
                columns: new[] { "IndexOn", "RepeatOn", "SurgeryOn", "LastSeenOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JointSurvivals");

            migrationBuilder.DropIndex(
                name: "IX_Procedures_Product_Source_Id",
                table: "Procedures");
        }
    }
}
