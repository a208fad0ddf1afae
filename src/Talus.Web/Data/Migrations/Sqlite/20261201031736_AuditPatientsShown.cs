using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
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
                    AuditEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false)
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
            migrationBuilder.Sql("CREATE TRIGGER audit_shown_no_update BEFORE UPDATE ON AuditPatientsShown BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_shown_no_delete BEFORE DELETE ON AuditPatientsShown BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditPatientsShown");
        }
    }
}
