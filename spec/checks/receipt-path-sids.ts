import { show, violation } from '../violation.js';
import type { Check } from './check.js';

/** Body field that must equal each path parameter. */
const FIELD_OF: Record<string, 'chat_service_sid' | 'conversation_sid' | 'message_sid' | 'sid'> = {
  ChatServiceSid: 'chat_service_sid',
  ConversationSid: 'conversation_sid',
  MessageSid: 'message_sid',
  Sid: 'sid',
};

/** receipt_path_sids: the SIDs in the body equal the ones in the request path (service, conversation, message, receipt). */
export const receiptPathSids: Check = {
  name: 'receipt_path_sids',
  holds: "each receipt's SIDs equal the path's (service, conversation, message, and sid on fetch)",
  applies: { expect: ['receipt', 'page', 'page_size'], status: 'ok' },
  run(exchange, contract) {
    const { route } = exchange;
    if (!route) return [];
    return exchange.receipts.flatMap(({ receipt, at }) =>
      Object.entries(route.params).flatMap(([param, value]) => {
        const field = FIELD_OF[param];
        // A conversation may be addressed by unique name: only a SID-shaped path value can be compared.
        if (!field || value === undefined || receipt[field] === value) return [];
        if (field === 'conversation_sid' && !contract.sids.pattern('conversation_sid').test(value)) return [];
        return [
          violation(
            'receipt_path_sids',
            `${at}/${field}`,
            `expected ${show(value)} from the path, received ${show(receipt[field])}`,
            value,
            receipt[field],
          ),
        ];
      }),
    );
  },
};
