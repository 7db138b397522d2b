#!/usr/bin/env node
// Committed launcher, so the bin link exists before the first build.
import '../dist/cli.js';
