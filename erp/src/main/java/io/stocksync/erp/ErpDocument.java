package io.stocksync.erp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A journal as the reference ERP holds it; {@code booked} once its lines count in balances. */
record ErpDocument(String documentId, ErpJournal journal, Instant receivedAt, boolean booked) {

  ErpDocument markBooked() {
    return new ErpDocument(documentId, journal, receivedAt, true);
  }

  String status() {
    return booked ? "posted" : "pending";
  }

  JsonObject toJson() {
    JsonArray lines = new JsonArray();
    for (ErpLine line : journal.lines()) {
      lines.add(new JsonObject()
        .put("item", line.item())
        .put("location", line.location())
        .put("lot", line.lot())
        .put("unit", line.unit())
        .put("quantity", line.quantity().toPlainString())
        .put("movementType", line.movementType()));
    }
    return new JsonObject()
      .put("documentId", documentId)
      .put("externalReference", journal.externalReference())
      .put("status", status())
      .put("receivedAt", receivedAt.toString())
      .put("lines", lines);
  }
}
