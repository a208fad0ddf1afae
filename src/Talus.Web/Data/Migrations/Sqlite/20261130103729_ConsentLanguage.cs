using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "SignedConsents",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "SignedConsents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ConsentTemplates",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ConsentPackets",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            // Consents signed before this column name the template version of their packet.
            migrationBuilder.Sql(
                "UPDATE \"SignedConsents\" SET \"TemplateVersion\" = (SELECT \"TemplateVersion\" FROM \"ConsentPackets\" WHERE \"ConsentPackets\".\"Id\" = \"SignedConsents\".\"ConsentPacketId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "SignedConsents");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "SignedConsents");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "ConsentTemplates");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "ConsentPackets");
        }
    }
}
