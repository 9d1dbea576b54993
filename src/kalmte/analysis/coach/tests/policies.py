"""Shop policies the coach tests check drafts against."""

FORMAL = {
    "delivery_days": [2, 4],
    "free_shipping_from_eur": 50,
    "return_days": 30,
    "refund_days": 14,
    "register": "formal",
}
INFORMAL = {**FORMAL, "register": "informal"}
