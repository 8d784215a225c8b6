CREATE TABLE "burn_import_rows" (
	"import_id" uuid NOT NULL,
	"row_key" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"agent" text,
	"unit" text,
	"environment" text,
	"actions" numeric,
	"credits" numeric,
	"cost" numeric,
	"currency" text,
	"extras" jsonb
);
--> statement-breakpoint
ALTER TABLE "burn_imports" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "burn_import_rows_import_idx" ON "burn_import_rows" USING btree ("import_id");