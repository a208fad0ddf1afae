using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaliforniaNoticeCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaliforniaNoticeCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GivenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GivenBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    GivenByStaffId = table.Column<int>(type: "INTEGER", nullable: true),
                    NoticeText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaliforniaNoticeCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaliforniaNoticeCopies_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaliforniaNoticeCopies_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaliforniaNoticeCopies_LocationId",
                table: "CaliforniaNoticeCopies",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_CaliforniaNoticeCopies_PatientId_GivenAt",
                table: "CaliforniaNoticeCopies",
                columns: new[] { "PatientId", "GivenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaliforniaNoticeCopies");
        }
    }
}
