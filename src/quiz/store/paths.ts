/** Where state lives: the platform data directory, or DLNOTES_HOME. */
import envPaths from 'env-paths';
import { join } from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.DLNOTES_HOME?.trim();
  if (home) return home;
  return envPaths('dlnotes', { suffix: '' }).data;
}

export const DB_FILE = 'dlnotes.db';
export const CONFIG_FILE = 'config.json';

export function dbPath(dir: string): string {
  return join(dir, DB_FILE);
}

export function configPath(dir: string): string {
  return join(dir, CONFIG_FILE);
}
