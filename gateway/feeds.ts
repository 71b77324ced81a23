import express, { type Router } from 'express';
import type { GatewayServices } from './services';

/** Atom feeds of publications, per kind and per department. To be built by the publications issue. */
export function feedsRouter(_services: GatewayServices): Router {
  return express.Router();
}
