import { Field } from "@/components/ui/field";

/** 处室 of a user, or none (the bureau's leaders and the three administrators belong to none). */
export function DepartmentField({ id, label, errors, departments, value }: { id: string; label: string; errors?: string[]; departments: { id: string; name: string }[]; value: string }) {
  return (
    <Field id={id} label={label} errors={errors}>
      {(p) => (
        // key: a re-render with the saved value after an error resets the uncontrolled select.
        <select {...p} name="departmentId" defaultValue={value} key={`d-${value}`}>
          <option value="">（不属于处室）</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
