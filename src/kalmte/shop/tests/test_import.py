import pytest
from django.core.management import CommandError, call_command

from kalmte.shop.models import Order
from kalmte.shop.tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_it_imports_orders_from_csv(shop, capsys):
    call_command("import_orders", "noord", str(FIXTURES / "orders.csv"))
    assert "Imported 2 order(s) (2 new, 3 line(s))." in capsys.readouterr().out
    order = Order.objects.get(shop=shop, number="100483")
    assert sorted(line.title for line in order.lines.all()) == ["Bel", "Helm"]
    shipment = Order.objects.get(number="100482").shipments.get()
    assert (shipment.carrier, shipment.status) == ("postnl", "in_transit")


def test_a_bad_line_imports_nothing_and_names_every_error(shop, capsys):
    with pytest.raises(CommandError, match="3 error"):
        call_command("import_orders", "noord", str(FIXTURES / "orders_bad.csv"))
    err = capsys.readouterr().err
    assert "line 3: `placed_at` is not an ISO 8601 date/time." in err
    assert "line 4: `status` must be one of" in err
    assert "line 5: `lines[0].quantity` must be a whole number." in err
    assert not Order.objects.exists()


def test_it_refuses_an_unknown_shop_and_a_missing_file(shop, tmp_path):
    with pytest.raises(CommandError, match="No shop"):
        call_command("import_orders", "nergens", str(FIXTURES / "orders.csv"))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_orders", "noord", str(tmp_path / "weg.csv"))
