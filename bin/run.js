#!/usr/bin/env node
import { run } from '../dist/drachtioctl.js';

await run(process.argv.slice(2), import.meta.url);
