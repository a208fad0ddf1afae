using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditPatientsShownInEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid[]>(
                name: "PatientsShown",
                table: "AuditEntries",
                type: "uuid[]",
                nullable: true);

            // Each entry's patients shown move into its own column. The entries are append-only; this one update of the
            // new column runs with their guard off, inside the migration's transaction.
            migrationBuilder.Sql("""
                ALTER TABLE "AuditEntries" DISABLE TRIGGER audit_no_change;
                UPDATE "AuditEntries" a SET "PatientsShown" = s.shown
                FROM (SELECT "AuditEntryId", array_agg("PatientId" ORDER BY "PatientId") AS shown FROM "AuditPatientsShown" GROUP BY "AuditEntryId") s
                WHERE a."Id" = s."AuditEntryId";
                ALTER TABLE "AuditEntries" ENABLE TRIGGER audit_no_change;
                """);

            migrationBuilder.DropTable(
                name: "AuditPatientsShown");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PatientsShown",
                table: "AuditEntries",
                column: "PatientsShown")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PatientsShown",
                table: "AuditEntries");

            migrationBuilder.CreateTable(
                name: "AuditPatientsShown",
                columns: table => new
                {
                    AuditEntryId = table.Column<long>(type: "bigint", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditPatientsShown", x => new { x.AuditEntryId, x.PatientId });
                    table.ForeignKey(
                        name: "FK_AuditPatientsShown_AuditEntries_AuditEntryId",
                        column: x => x.AuditEntryId,
                        principalTable: "AuditEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditPatientsShown_PatientId_AuditEntryId",
                table: "AuditPatientsShown",
                columns: new[] { "PatientId", "AuditEntryId" });

            migrationBuilder.Sql("""
                INSERT INTO "AuditPatientsShown" ("AuditEntryId", "PatientId")
                SELECT a."Id", p FROM "AuditEntries" a, unnest(a."PatientsShown") AS p WHERE a."PatientsShown" IS NOT NULL;
                CREATE TRIGGER audit_shown_no_change BEFORE UPDATE OR DELETE ON "AuditPatientsShown" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                CREATE TRIGGER audit_shown_no_truncate BEFORE TRUNCATE ON "AuditPatientsShown" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
                """);

            migrationBuilder.DropColumn(
                name: "PatientsShown",
                table: "AuditEntries");
        }
    }
}
