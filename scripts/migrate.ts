import { prepareDb } from "./prepare-db";

const { driver } = await prepareDb({ seed: false });
console.log(`migrations applied (${driver})`);
