import type { FastifyReply } from 'fastify';

/** Adds a request header name to Vary once, keeping what other code already put there. */
export function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  const list = current == null ? [] : String(current).split(',').map((s) => s.trim()).filter(Boolean);
  if (list.includes('*') || list.some((v) => v.toLowerCase() === name.toLowerCase())) return;
  reply.header('vary', [...list, name].join(', '));
}
