ALTER TABLE "contracts" ADD COLUMN "origin_id" uuid;--> statement-breakpoint
ALTER TABLE "workspace_imports" ADD COLUMN "mode" text DEFAULT 'merge' NOT NULL;--> statement-breakpoint
CREATE INDEX "contracts_origin_idx" ON "contracts" USING btree ("workspace_id","origin_id");