import { Button } from "@homeport/ui/button";
import { paperlessAction } from "@/actions/billing";

export function PaperlessForm({
  paperless,
  labels,
}: {
  paperless: boolean;
  labels: { turnOn: string; turnOff: string };
}) {
  return (
    <form action={paperlessAction}>
      {paperless ? null : <input type="hidden" name="paperless" value="on" />}
      <Button type="submit" variant="secondary">
        {paperless ? labels.turnOff : labels.turnOn}
      </Button>
    </form>
  );
}
