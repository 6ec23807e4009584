import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-gov-red text-white hover:bg-gov-red-dark",
  secondary: "bg-white text-ink ring-1 ring-inset ring-gray-300 hover:bg-gray-50",
  ghost: "text-gov-red hover:bg-red-50",
} as const;

export function buttonClass(variant: keyof typeof VARIANTS = "primary") {
  return `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium transition disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]}`;
}

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return <button className={`${buttonClass(variant)} ${className}`} {...props} />;
}
