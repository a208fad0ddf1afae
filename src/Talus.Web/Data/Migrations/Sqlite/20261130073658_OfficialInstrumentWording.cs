using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfficialInstrumentWording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OfficialWordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Json = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficialWordings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfficialWordings_Instrument_Language",
                table: "OfficialWordings",
                columns: new[] { "Instrument", "Language" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficialWordings");
        }
    }
}
