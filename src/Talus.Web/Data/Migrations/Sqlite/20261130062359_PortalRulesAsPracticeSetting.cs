using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PortalRulesAsPracticeSetting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Two settings stores became the practice-settings rows the admin page edits: the portal booking rules
            // ("scheduling.portal") and the regulation settings the procedure page used to read ("Regulation").
            // A value already saved under the new name wins; the old row is then dropped.
            foreach (var (old, name) in new[] { ("scheduling.portal", "PortalBookingRules"), ("Regulation", "RegulationSettings") })
            {
                migrationBuilder.Sql($"""
                    UPDATE "Settings" SET "Name" = '{name}'
                    WHERE "Name" = '{old}' AND NOT EXISTS (SELECT 1 FROM "Settings" WHERE "Name" = '{name}');
                    DELETE FROM "Settings" WHERE "Name" = '{old}';
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
