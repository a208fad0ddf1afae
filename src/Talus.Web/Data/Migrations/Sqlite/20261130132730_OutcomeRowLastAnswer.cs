using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutcomeRowLastAnswer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LastAnswerOn",
                table: "OutcomeRows",
                type: "TEXT",
                nullable: true);

            // Rows written before the column existed: each procedure's latest answer, as OutcomeRows.ComputeAsync writes it.
            migrationBuilder.Sql("""
                UPDATE "OutcomeRows" SET "LastAnswerOn" = l.last
                FROM (SELECT s."ProcedureId" AS pid, MAX(s."CompletedOn") AS last FROM "ScoreRows" s WHERE s."ProcedureId" IS NOT NULL GROUP BY s."ProcedureId") AS l
                WHERE l.pid = "OutcomeRows"."ProcedureId"
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_PatientId_Joint_Side_PerformedOn_Id",
                table: "Procedures",
                columns: new[] { "PatientId", "Joint", "Side", "PerformedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRows_ProcedureId_LastAnswerOn",
                table: "OutcomeRows",
                columns: new[] { "ProcedureId", "LastAnswerOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Procedures_PatientId_Joint_Side_PerformedOn_Id",
                table: "Procedures");

            migrationBuilder.DropIndex(
                name: "IX_OutcomeRows_ProcedureId_LastAnswerOn",
                table: "OutcomeRows");

            migrationBuilder.DropColumn(
                name: "LastAnswerOn",
                table: "OutcomeRows");
        }
    }
}
