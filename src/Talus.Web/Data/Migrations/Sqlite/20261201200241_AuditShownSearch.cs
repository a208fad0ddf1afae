using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditShownSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A patient's entries are found through an FTS5 index (a document per entry, its patients as terms) instead of
            // a B-tree on (patient, entry). detail=none: no positions; columnsize=0: no per-document sizes.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "AuditPatientsShownSearch" USING fts5("Patients", content='', detail=none, columnsize=0);
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditPatientsShownSearch" (rowid, "Patients")
                SELECT "AuditEntryId", group_concat(lower(replace("PatientId", '-', '')), ' ') FROM "AuditPatientsShown" GROUP BY "AuditEntryId";
                """);
            migrationBuilder.Sql("""INSERT INTO "AuditPatientsShownSearch" ("AuditPatientsShownSearch") VALUES ('optimize');""");
            migrationBuilder.DropIndex(
                name: "IX_AuditPatientsShown_PatientId_AuditEntryId",
                table: "AuditPatientsShown");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditPatientsShown_PatientId_AuditEntryId",
                table: "AuditPatientsShown",
                columns: new[] { "PatientId", "AuditEntryId" });
            migrationBuilder.Sql("""DROP TABLE "AuditPatientsShownSearch";""");
        }
    }
}
