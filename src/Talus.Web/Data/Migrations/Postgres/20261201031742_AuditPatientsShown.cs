using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditPatientsShown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            // The patients a search showed are part of its audit entry: append-only as the entries are.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_shown_no_change BEFORE UPDATE OR DELETE ON "AuditPatientsShown" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                CREATE TRIGGER audit_shown_no_truncate BEFORE TRUNCATE ON "AuditPatientsShown" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditPatientsShown");
        }
    }
}
